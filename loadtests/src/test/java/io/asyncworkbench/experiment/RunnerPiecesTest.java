package io.asyncworkbench.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunnerPiecesTest {

    @Test
    void meta_shouldBeWrittenThroughTheOneRecordOfTheFormat_andRefuseAFieldItDoesNotDeclare() {
        java.util.Map<String, Object> meta = new java.util.LinkedHashMap<>();
        meta.put("experiment", "demo");
        meta.put("p99BoundMillis", 16.0);
        meta.put("series", List.of(java.util.Map.of("id", "one", "maxSustainableRps", 4820.0, "warmup",
                java.util.Map.of("seconds", 12.4, "rounds", 6, "steady", true))));
        io.asyncworkbench.run.RunMeta record = ExperimentRunner.asRecord(meta);
        assertEquals(4820.0, record.seriesById("one").maxSustainableRps());
        assertEquals(6, record.series().getFirst().warmup().rounds());

        meta.put("sereis", List.of());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> ExperimentRunner.asRecord(meta));
        assertTrue(typo.getMessage().contains("\"sereis\""), typo.getMessage());
    }

    @Test
    void runFolder_shouldOnlyAppearUnderItsFinalName_whenCommitted(@TempDir Path runs) throws Exception {
        RunFolder run = RunFolder.create(runs, "demo", Instant.parse("2026-11-26T15:01:02Z"));
        Files.writeString(run.file("steps.csv"), "series\n");
        Path finalName = runs.resolve("demo/20261126T150102Z");
        assertFalse(Files.exists(finalName), "nothing under the final name before commit");
        assertEquals(finalName, run.commit());
        assertTrue(Files.exists(finalName.resolve("steps.csv")));
        assertEquals(List.of("20261126T150102Z"), list(runs.resolve("demo")));
    }

    @Test
    void runFolder_shouldLeaveNoRunFolder_whenAbandoned(@TempDir Path runs) throws Exception {
        RunFolder run = RunFolder.create(runs, "demo", Instant.parse("2026-11-26T15:01:02Z"));
        Files.writeString(run.file("load.log"), "partial");
        Path failed = run.abandon();
        assertEquals(List.of(".failed-20261126T150102Z"), list(runs.resolve("demo")));
        assertEquals("partial", Files.readString(failed.resolve("load.log")));
        assertThrows(IllegalStateException.class, () -> run.file("x"));
    }

    @Test
    void cpuSet_shouldParseAndPrintTheKernelListFormat() {
        assertEquals(List.of(0, 2, 3), CpuSet.parse("0,2-3").cpus());
        assertEquals("0,2-3", CpuSet.parse("3,2,0").toString());
        assertEquals("0-1", CpuSet.all(2).toString());
        CpuSet[] split = CpuSet.split(2);
        assertEquals("0", split[0].toString());
        assertEquals("1", split[1].toString());
        assertEquals("0-1", CpuSet.split(4)[0].toString());
        assertEquals(null, CpuSet.split(1));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("two"));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("3-1"));
    }

    @Test
    void prometheus_shouldParseSamplesWithLabels() {
        List<Prometheus.Sample> samples = Prometheus.parse("""
                # HELP x y
                # TYPE x counter
                server_requests_total{thread="loop-0",status="200"} 4000
                server_accept_pauses_total 2
                server_request_service_seconds{thread="loop-0",quantile="0.99"} 4.1E-4
                server_info{stage="a \\"b\\""} 1
                """);
        assertEquals(new Prometheus.Sample("server_requests_total", "thread=loop-0;status=200", 4000), samples.get(0));
        assertEquals(new Prometheus.Sample("server_accept_pauses_total", "", 2), samples.get(1));
        assertEquals(4.1e-4, samples.get(2).value(), 1e-12);
        assertEquals("stage=a \"b\"", samples.get(3).labels());
        assertThrows(IllegalArgumentException.class, () -> Prometheus.parse("this is not a sample"));
    }

    @Test
    void serverLog_shouldBeGzipped_onlyWhenLarge(@TempDir Path dir) throws Exception {
        Path small = Files.writeString(dir.resolve("small.server.log"), "listening on http://127.0.0.1:1\n");
        SeriesRun.compressIfLarge(small);
        assertTrue(Files.exists(small), "a small log stays as it is");

        String line = "accept failed: Too many open files\n";
        Path large = Files.writeString(dir.resolve("naive.server.log"), line.repeat((int) (SeriesRun.LARGE_LOG_BYTES / line.length()) + 1));
        SeriesRun.compressIfLarge(large);
        assertFalse(Files.exists(large));
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(dir.resolve("naive.server.log.gz")))) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.length() > SeriesRun.LARGE_LOG_BYTES && text.startsWith(line), "the whole log, compressed");
        }
    }

    @Test
    void everyShippedExperiment_shouldLoadAndValidate() {
        for (String name : Experiments.NAMES) {
            ExperimentDefinition definition = Experiments.load(name);
            assertEquals(name, definition.name());
            assertTrue(definition.problems().isEmpty(), name + ": " + definition.problems());
        }
    }

    @Test
    void phases_shouldRunInOrderWithTheirOwnFlags_andRefuseAVaryOrAPlainName() {
        List<ExperimentDefinition.NamedStep> steps = Experiments.load("accept-loop").profiles().get("quick").plainSteps();
        assertEquals(List.of("idle-storm", "load-storm"), steps.stream().map(ExperimentDefinition.NamedStep::name).toList());
        assertTrue(steps.getFirst().args().contains("--hold-idle"), steps.toString());

        String message = assertThrows(IllegalArgumentException.class, () -> Experiments.parse("phases.json", """
                {"name": "p", "title": "t", "summary": "s", "series": [{"id": "a", "stage": "minimal-single-thread"}],
                 "profiles": {"quick": {"vary": "--rate", "phases": [{"name": "sweep", "args": []}], "repetitions": 2},
                              "full": {"phases": [{"name": "Idle", "args": ["--rate", "1"]}]}},
                 "p99Bound": {"millis": 5, "reason": "r"}}
                """)).getMessage();
        assertTrue(message.contains("profiles.quick: phases take the place of vary, values and search"), message);
        assertTrue(message.contains("profiles.quick.repetitions must be at least 3"), message);
        assertTrue(message.contains("profiles.full.phases: each needs a lowercase name (not sweep, search or step)"), message);
    }

    @Test
    void badDefinition_shouldFailWithEveryProblemNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Experiments.parse("bad.json", """
                {"name": "Bad Name", "title": "t", "summary": "s", "placement": "sideways",
                 "series": [{"id": "a", "stage": "minimal-single-thread"}],
                 "warmup": ["--rate", "10", "--duration", "5s"],
                 "profiles": {"quick": {"vary": "--speed", "values": ["1"], "each": [], "search": true, "repetitions": 1}},
                 "p99Bound": {"millis": 5}}
                """));
        String message = e.getMessage();
        assertTrue(message.startsWith("bad.json: "), message);
        assertTrue(message.contains("name must be a lowercase slug"), message);
        assertTrue(message.contains("placement must be one of"), message);
        assertTrue(message.contains("both quick and full are required"), message);
        assertTrue(message.contains("vary must be one of"), message);
        assertTrue(message.contains("repetitions must be at least 3"), message);
        assertTrue(message.contains("search needs vary --rate"), message);
        assertTrue(message.contains("p99Bound needs a positive millis and its reason"), message);
        assertTrue(message.contains("warmup: no --duration"), message);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiments.parse("x.json", "{\"nmae\": 1}"))
                .getMessage().startsWith("x.json: not a valid definition"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiments.load("part9")).getMessage().contains("unknown experiment"));
    }

    private static List<String> list(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
