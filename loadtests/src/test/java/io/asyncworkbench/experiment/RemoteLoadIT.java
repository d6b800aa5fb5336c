package io.asyncworkbench.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asyncworkbench.process.ServerProcess;
import io.asyncworkbench.run.StepColumns;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An experiment across three simulated hosts (network namespaces joined by a bridge, each with its
 * own sshd: {@link SimulatedHosts}): the server on one, a load generator on each of the two others,
 * driven over SSH as on real machines. The total of every step is the exact sum of the hosts'
 * parts, and its percentiles are those of the union of every value the two generators recorded.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RemoteLoadIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final String DEFINITION = """
            {"name": "remote", "title": "Remote", "summary": "Two short steps from two load hosts.", "sizing": "light load",
             "load": ["--max-connections", "8", "--timeout", "2s"],
             "warmup": [],
             "series": [{"id": "stage-1", "label": "stage 1", "stage": "minimal-single-thread", "server": ["--workload", "spin:100us"]}],
             "profiles": {"quick": {"vary": "--rate", "values": ["100", "301"], "each": ["--duration", "1s"]},
                          "full": {"vary": "--rate", "values": ["100"], "each": ["--duration", "1s"]}},
             "p99Bound": {"millis": 50, "reason": "a test"},
             "published": [],
             "ratios": []}
            """;

    @TempDir
    Path dir;

    @Test
    void shouldRunTheServerOnOneHostAndAddUpTheLoadOfTwoOthersExactly() throws Exception {
        Optional<String> unavailable = SimulatedHosts.unavailable();
        assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElse(""));
        assumeTrue(Files.isRegularFile(ROOT.resolve("minimal-single-thread/target/minimal-single-thread.jar"))
                && Files.isRegularFile(ROOT.resolve("loadtests/target/loadtests.jar")), "needs the jars: run mvn verify");
        Path remoteDir = dir.resolve("remote");
        StringWriter console = new StringWriter();
        Path run;
        try (SimulatedHosts hosts = SimulatedHosts.create(3)) {
            Hosts.Choice choice = new Hosts.Choice(hosts.destination(1), List.of(hosts.destination(2), hosts.destination(3)), null,
                    new Host.Ssh(hosts.sshConfig(), ServerProcess.currentJava(), remoteDir.toString()));
            ExperimentRunner runner = new ExperimentRunner(new ExperimentRunner.Settings(ROOT, dir.resolve("runs"), "quick", null, null,
                    choice, "test", new PrintWriter(console, true)));

            run = runner.run(Experiments.parse("remote.json", DEFINITION), "remote");

            JsonNode meta = new ObjectMapper().readTree(run.resolve("meta.json").toFile());
            JsonNode server = meta.get("hosts").get("server");
            assertEquals(hosts.destination(1), server.get("destination").asText());
            assertEquals(hosts.address(1), server.get("address").asText(), "the address ssh resolves the alias to");
            JsonNode load = meta.get("hosts").get("load");
            assertEquals(2, load.size());
            for (int i = 0; i < 2; i++) {
                JsonNode host = load.get(i);
                assertEquals("load-" + (i + 1), host.get("label").asText());
                assertEquals(hosts.destination(i + 2), host.get("destination").asText());
                assertTrue(Integer.parseInt(host.get("jdk").get("version").asText().split("[.+-]")[0]) >= 21, host.toString());
                // One kernel, one clock: the measured offset is 0 within its stated uncertainty.
                assertTrue(Math.abs(host.get("clockOffsetMillis").asDouble()) <= host.get("clockUncertaintyMillis").asDouble() + 1,
                        host.toString());
            }
            assertTrue(meta.get("series").get(0).get("startupLine").asText().contains("listening on http://0.0.0.0:"));
            assertEquals(0, meta.get("series").get(0).get("exitStatus").asInt(), "the remote server stopped cleanly on the end of its input");

            // A host without the Java asked for: the run refuses to start, in one line naming the host.
            Hosts.Choice noJava = new Hosts.Choice(hosts.destination(1), List.of(hosts.destination(2)), null,
                    new Host.Ssh(hosts.sshConfig(), "/nonexistent/bin/java", remoteDir.toString()));
            ExperimentRunner refused = new ExperimentRunner(new ExperimentRunner.Settings(ROOT, dir.resolve("refused"), "quick", null, null,
                    noJava, "test", new PrintWriter(console, true)));
            IOException e = assertThrows(IOException.class, () -> refused.run(Experiments.parse("remote.json", DEFINITION), "remote"));
            assertEquals("server (" + hosts.destination(1) + "): no Java at '/nonexistent/bin/java' there (give its path with --remote-java)",
                    e.getMessage());
            assertFalse(Files.exists(dir.resolve("refused")), "no run folder for a run that never started");
        }
        assertFalse(Files.exists(remoteDir.resolve("run-" + ProcessHandle.current().pid())), "the hosts' scratch files are removed");

        List<String> total = Files.readAllLines(run.resolve("steps.csv"));
        List<String> byHost = Files.readAllLines(run.resolve("steps-by-host.csv"));
        assertEquals(String.join(",", StepColumns.BY_HOST), byHost.getFirst());
        assertEquals(7, total.size(), "a header and two steps of three repetitions");
        assertEquals(13, byHost.size(), "a header and each host's part of every repetition");
        int requests = StepColumns.ALL.indexOf("requests");
        int offered = StepColumns.ALL.indexOf("offered_rps");
        for (int step = 1; step <= 6; step++) {
            String[] row = total.get(step).split(",");
            String[] host1 = byHost.get(2 * step - 1).split(",");
            String[] host2 = byHost.get(2 * step).split(",");
            assertEquals("load-1", host1[0]);
            assertEquals("load-2", host2[0]);
            assertEquals(Long.parseLong(row[requests]), Long.parseLong(host1[requests + 1]) + Long.parseLong(host2[requests + 1]),
                    "step " + step + ": the total is the sum of the hosts");
            assertTrue(Long.parseLong(host1[requests + 1]) > 0 && Long.parseLong(host2[requests + 1]) > 0, "both hosts loaded the server");
            assertEquals(Double.parseDouble(row[offered]), Double.parseDouble(host1[offered + 1]) + Double.parseDouble(host2[offered + 1]), 0.01,
                    "each host offered its share of the rate");
        }

        // The series' log against the union of what the hosts recorded, step by step.
        Map<String, Histogram> merged = byTag(run.resolve("stage-1.hlog"));
        Map<String, Histogram> union = byTag(run.resolve("stage-1.load-1.hlog"));
        byTag(run.resolve("stage-1.load-2.hlog")).forEach((tag, h) -> union.merge(tag, h, (a, b) -> {
            a.add(b);
            return a;
        }));
        int p99 = StepColumns.ALL.indexOf("p99_ms");
        for (int step = 1; step <= 6; step++) {
            Histogram m = merged.get("step-" + step);
            Histogram u = union.get("step-" + step);
            assertEquals(u.getTotalCount(), m.getTotalCount(), "step " + step + ": merged count = the hosts' counts");
            assertEquals(Long.parseLong(total.get(step).split(",")[requests]), m.getTotalCount());
            for (double percentile : new double[] {50, 90, 99, 99.9, 100}) {
                assertEquals(u.getValueAtPercentile(percentile), m.getValueAtPercentile(percentile), "step " + step + " p" + percentile);
            }
            assertEquals(u.getValueAtPercentile(99) / 1e6, Double.parseDouble(total.get(step).split(",")[p99]), 0.0005,
                    "steps.csv's p99 is the union's");
        }
    }

    /** Every interval of {@code hlog} added up by its tag. */
    private static Map<String, Histogram> byTag(Path hlog) throws Exception {
        Map<String, Histogram> sums = new HashMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
                sums.computeIfAbsent(h.getTag(), t -> new Histogram(3)).add((Histogram) h);
            }
        }
        return sums;
    }
}
