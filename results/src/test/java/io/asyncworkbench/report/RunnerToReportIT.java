package io.asyncworkbench.report;

import io.asyncworkbench.run.SustainableRate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The round trip users make: the runner ({@code workbench experiment --definition}, the real jar,
 * against the real stage-1 jar) writes a run folder, and the report renders it. Asserts that the
 * renderer reads what the runner writes (every column, the repetitions, the knee search), not how
 * fast the machine is.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RunnerToReportIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final String DEFINITION = """
            {"name": "round-trip", "title": "Round trip", "summary": "A short knee search.", "sizing": "spin:1ms: 1,000 req/s at most",
             "load": ["--max-connections", "16", "--timeout", "2s"],
             "warmup": ["--rate", "100"],
             "series": [{"id": "stage-1", "label": "stage 1", "stage": "minimal-single-thread", "server": ["--workload", "spin:1ms"]}],
             "profiles": {"quick": {"vary": "--rate", "values": ["200", "600", "1200", "2400"], "each": ["--duration", "1s"], "search": true},
                          "full": {"vary": "--rate", "values": ["100"], "each": ["--duration", "1s"]}},
             "p99Bound": {"millis": 30, "reason": "30 x the work"},
             "published": [{"series": "stage-1", "metric": "max sustainable req/s", "value": 1000, "unit": "req/s", "source": "1 / 1 ms"}],
             "ratios": []}
            """;

    @Test
    void shouldRenderTheRunFolder_thatTheRunnerWrote(@TempDir Path dir) throws Exception {
        Path loadtests = ROOT.resolve("loadtests/target/loadtests.jar");
        assumeTrue(Files.isRegularFile(loadtests) && Files.isRegularFile(ROOT.resolve("minimal-single-thread/target/minimal-single-thread.jar")),
                "needs the runner's and stage 1's jars: run mvn verify");
        Path definition = Files.writeString(dir.resolve("round-trip.json"), DEFINITION);
        Path runs = dir.resolve("runs");
        Process runner = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", loadtests.toString(),
                "experiment", "--definition", definition.toString(), "--runs", runs.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("runner.log").toFile()).start();
        assertTrue(runner.waitFor(200, TimeUnit.SECONDS), "the runner finished");
        assertEquals(0, runner.exitValue(), Files.readString(dir.resolve("runner.log")));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Report.render(runs, List.of(), dir.resolve("no-jmh"), dir.resolve("report"),
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertEquals(0, status, out + "\n" + err);
        assertEquals("", err.toString());
        Path run = FixtureRuns.onlyRun(runs.resolve("round-trip"));
        Run read = Run.load(run);
        List<Step> steps = read.steps("stage-1");
        assertTrue(steps.size() >= 3, "the sweep stopped after two failures and searched between: " + steps);
        for (Step s : steps) {
            List<Step> reps = read.repetitionsOf(s);
            assertTrue(reps.size() == 3 || reps.size() == 6, "every step three times, or six when measured again: " + reps);
            if (reps.size() == 6) {
                List<SustainableRate.Point> first = reps.subList(0, 3).stream()
                        .map(r -> new SustainableRate.Point(r.offeredRps(), r.achievedRps(), r.p99Millis())).toList();
                assertEquals(SustainableRate.Agreement.SPLIT, SustainableRate.agreement(first, read.meta().p99BoundMillis()),
                        "a step is measured again only when its first three repetitions split: " + reps);
            }
        }
        assertTrue(steps.stream().anyMatch(s -> s.phase().equals("search")), "the knee was refined");
        String readme = Files.readString(dir.resolve("report/README.md"));
        assertTrue(readme.contains("`" + run.getFileName() + "`"), "the run is named on the page");
        assertTrue(readme.contains("max sustainable req/s (stage 1): 1,000 published"), readme);
        assertTrue(Files.size(dir.resolve("report/figures/round-trip/sweep-stage-1.png")) > 0, "the sweep is drawn");
    }
}
