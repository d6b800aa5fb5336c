package io.asyncworkbench.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A two-step experiment against the real stage-1 jar, end to end: the generator as a process of its
 * own, a warm-up until steady, three repetitions of each step; every file of the run folder is checked.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TinyExperimentIT {

    private static final String DEFINITION = """
            {"name": "tiny", "title": "Tiny", "summary": "Two short steps.", "sizing": "faithful work, light load",
             "load": ["--max-connections", "8", "--timeout", "2s"],
             "warmup": ["--rate", "200"],
             "series": [{"id": "stage-1", "label": "stage 1", "stage": "minimal-single-thread", "server": ["--workload", "spin:100us"]}],
             "profiles": {"quick": {"vary": "--rate", "values": ["100", "300"], "each": ["--duration", "1s"]},
                          "full": {"vary": "--rate", "values": ["100"], "each": ["--duration", "1s"]}},
             "p99Bound": {"millis": 5, "reason": "a test"},
             "published": [{"series": "stage-1", "metric": "max sustainable req/s", "value": 6000, "unit": "req/s", "source": "Part 1"}],
             "ratios": []}
            """;

    @Test
    void shouldWriteACompleteRunFolder_whenATinyExperimentRuns(@TempDir Path runs) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        ExperimentDefinition definition = Experiments.parse("tiny.json", DEFINITION);
        StringWriter console = new StringWriter();
        ExperimentRunner runner = new ExperimentRunner(new ExperimentRunner.Settings(root, runs, "quick", null, null, Hosts.Choice.thisMachine(),
                "test", new PrintWriter(console, true)));

        Path run = runner.run(definition, "tiny");

        assertEquals(runs.resolve("tiny"), run.getParent());
        assertEquals(Set.of("meta.json", "steps.csv", "server-metrics.csv", "stage-1.hlog", "stage-1.server.log", "stage-1.load.log",
                "load.log"), files(run));
        try (var siblings = Files.list(run.getParent())) {
            assertEquals(1, siblings.count(), "no temporary folder is left beside the run");
        }

        List<String> steps = Files.readAllLines(run.resolve("steps.csv"));
        assertEquals(String.join(",", StepsCsv.COLUMNS), steps.get(0));
        assertEquals(7, steps.size(), "a header and two steps of three repetitions");
        for (int i = 1; i <= 6; i++) {
            String row = steps.get(i);
            assertEquals(StepsCsv.COLUMNS.size(), row.split(",", -1).length, row);
            assertTrue(row.startsWith("stage-1," + i + "," + ((i - 1) % 3 + 1) + ",step,open,"), row);
        }
        assertTrue(steps.get(6).contains(",open,300.000,"), steps.get(6));

        List<String> metrics = Files.readAllLines(run.resolve("server-metrics.csv"));
        assertEquals("series,t_s,name,labels,value", metrics.get(0));
        assertTrue(metrics.stream().anyMatch(l -> l.startsWith("stage-1,") && l.contains(",server_connections_accepted_total,thread=loop-0,")), "accepted counts sampled");
        assertTrue(metrics.stream().anyMatch(l -> l.contains(",process_cpu_seconds_total,,")), "server CPU sampled");
        assertTrue(metrics.stream().anyMatch(l -> l.contains(",process_open_fds,,")), "server fds sampled");

        Set<String> tags = new TreeSet<>();
        HistogramLogReader hlog = new HistogramLogReader(run.resolve("stage-1.hlog").toFile());
        long corrected = 0;
        for (EncodableHistogram h; (h = hlog.nextIntervalHistogram()) != null; ) {
            tags.add(h.getTag());
            if (!h.getTag().endsWith("uncorrected") && !h.getTag().endsWith("send-lag")) {
                corrected += ((org.HdrHistogram.Histogram) h).getTotalCount();
            }
        }
        assertTrue(tags.containsAll(Set.of("step-1", "step-6", "step-1-uncorrected", "step-6-uncorrected", "step-6-send-lag")),
                tags.toString());
        int requestsColumn = StepsCsv.COLUMNS.indexOf("requests");
        long responses = steps.subList(1, 7).stream().mapToLong(r -> Long.parseLong(r.split(",")[requestsColumn])).sum();
        assertEquals(responses, corrected, "the log holds every measured response, and no warm-up");

        JsonNode meta = new ObjectMapper().readTree(run.resolve("meta.json").toFile());
        for (String field : List.of("experiment", "started", "finished", "git", "machine", "jdk", "placement", "jvmFlags",
                "generatorJvmFlags", "p99BoundMillis", "p99BoundReason", "series", "published")) {
            assertTrue(meta.has(field), "meta.json has " + field);
        }
        assertEquals("tiny", meta.get("experiment").asText());
        assertTrue(meta.get("series").get(0).get("serverCommand").asText().contains("minimal-single-thread.jar"));
        assertEquals(0, meta.get("series").get(0).get("exitStatus").asInt(), "the server stopped cleanly on SIGTERM");
        assertTrue(meta.get("series").get(0).get("generatorCommand").asText().endsWith("loadtests/target/loadtests.jar load-series"));
        assertTrue(meta.get("series").get(0).get("warmup").get("rounds").asInt() >= Steadiness.WINDOW, "warmed up in rounds");
        assertTrue(meta.get("machine").get("sysctl").get("net.ipv4.ip_local_port_range").asText().matches("\\d+ \\d+"));
        assertFalse(console.toString().isBlank(), "progress was shown");
    }

    private static Set<String> files(Path dir) throws Exception {
        try (var list = Files.list(dir)) {
            return new TreeSet<>(list.map(p -> p.getFileName().toString()).toList());
        }
    }
}
