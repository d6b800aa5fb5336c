package io.asyncworkbench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged {@code target/benchmarks.jar} works: it lists every benchmark, and one benchmark
 * run for one short iteration in a forked JVM writes a score, and the CPU time beside it. Nothing
 * here measures anything.
 */
@Timeout(value = 55, unit = TimeUnit.SECONDS)
class BenchmarksJarIT {

    private static final Path JAR = Path.of("target", "benchmarks.jar").toAbsolutePath();
    private static final String PACKAGE = "io.asyncworkbench.jmh.";
    /** The generator's package, where the benchmarks of its package-private pool sit. */
    private static final String LOAD_PACKAGE = "io.asyncworkbench.load.";

    @TempDir
    Path dir;

    @Test
    void shouldListEveryBenchmark_whenAskedWithL() throws Exception {
        Run run = java("-l");
        assertEquals(0, run.exitCode(), run.output());
        for (String benchmark : List.of("WorkloadBenchmark.workload", "WorkloadBenchmark.jsonMapperPerCall",
                "HttpExchangeBenchmark.exchange", "HistogramRecordBenchmark.singleWriterRecorder",
                "HistogramRecordBenchmark.sharedRecorder", "FireTimeScheduleBenchmark.fireSchedule",
                LOAD_PACKAGE + "ConnectionPoolBenchmark.answerOne", LOAD_PACKAGE + "OpenConnectionsBenchmark.openConnections")) {
            String name = benchmark.startsWith(LOAD_PACKAGE) ? benchmark : PACKAGE + benchmark;
            assertTrue(run.output().contains(name + "\n"), name + " missing from:\n" + run.output());
        }
    }

    @Test
    void shouldWriteOneScore_whenOneBenchmarkRunsOneShortIteration() throws Exception {
        Path results = dir.resolve("results.json");
        Run run = java("HttpExchangeBenchmark.exchange", "-p", "workload=constant",
                "-f", "1", "-wi", "0", "-i", "1", "-r", "1s", "-prof", CpuTimeProfiler.class.getName(),
                "-rf", "json", "-rff", results.toString());
        assertEquals(0, run.exitCode(), run.output());
        JsonNode all = new ObjectMapper().readTree(results.toFile());
        assertEquals(1, all.size(), all.toString());
        JsonNode result = all.get(0);
        assertEquals(PACKAGE + "HttpExchangeBenchmark.exchange", result.get("benchmark").asText());
        assertEquals("constant", result.at("/params/workload").asText());
        double score = result.at("/primaryMetric/score").asDouble();
        assertTrue(score > 0 && Double.isFinite(score), "score " + score);
        for (String cpu : List.of("cpu.time.norm", "cpu.process.norm")) {
            double perOperation = result.at("/secondaryMetrics/" + cpu + "/score").asDouble();
            assertTrue(perOperation > 0 && Double.isFinite(perOperation), cpu + " " + perOperation + " in " + result);
        }
    }

    @Test
    void shouldFailWithoutAScore_whenNoBenchmarkMatches() throws Exception {
        Path results = dir.resolve("results.json");
        Run run = java("NoSuchBenchmark", "-f", "1", "-wi", "0", "-i", "1", "-r", "1s", "-rf", "json", "-rff", results.toString());
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("No matching benchmarks"), run.output());
        assertFalse(Files.exists(results) && Files.size(results) > 0, "no results expected");
    }

    private record Run(int exitCode, String output) {
    }

    /** Runs the jar with the JVM running this test; the output goes through a file, never a full pipe. */
    private Run java(String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run mvn package first");
        // jmh.ignoreLock: a smoke test must not fail because another JMH run holds /tmp/jmh.lock on the machine.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djmh.ignoreLock=true", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "jmh", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(45, TimeUnit.SECONDS)) {
                throw new AssertionError("benchmarks.jar did not finish in 45 s:\n" + Files.readString(log));
            }
            return new Run(process.exitValue(), Files.readString(log));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
