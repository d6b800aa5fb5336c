package io.asyncworkbench.report;

import io.asyncworkbench.cli.CommandLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command as a user meets it: no runs, damaged runs, a run named on the command line, a bad flag. */
@Timeout(60)
class ReportCommandTest {

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldSayNothingWasFoundAndWriteNothing_whenThereAreNoRuns() {
        Path out = root.resolve("results");
        assertEquals(0, run("--runs", root.resolve("results/runs").toString(), "--out", out.toString()));
        assertTrue(this.out.toString().startsWith("report: no runs found under "), this.out.toString());
        assertEquals("", err.toString());
        assertFalse(Files.exists(out), "nothing is written when there is nothing to render");
    }

    @Test
    void shouldNameEachBadFileAndRenderTheRest_whenRunsAreDamaged() throws IOException {
        Path runs = fixtures("part1-single-thread", "part3-offload", "accept-loop");
        Path offload = FixtureRuns.onlyRun(runs.resolve("part3-offload"));
        Path steps = offload.resolve("steps.csv");
        List<String> lines = Files.readAllLines(steps);
        lines.set(3, lines.get(3).replace(",8.245,", ",abc,"));
        Files.write(steps, lines);
        Path acceptLoop = FixtureRuns.onlyRun(runs.resolve("accept-loop"));
        Files.delete(acceptLoop.resolve("meta.json"));

        assertEquals(1, run("--runs", runs.toString(), "--out", root.resolve("results").toString()));

        assertEquals(List.of(
                "report: " + DamagedRunException.display(acceptLoop.resolve("meta.json")) + ": missing",
                "report: " + DamagedRunException.display(steps) + ": line 4: p99_ms 'abc' is not a number"),
                err.toString().lines().toList());
        String readme = Files.readString(root.resolve("results/README.md"));
        assertTrue(readme.contains("## part1-single-thread"), "the whole run is still rendered");
        assertFalse(readme.contains("## part3-offload") || readme.contains("## accept-loop"), "damaged runs are left out");
        assertTrue(Files.exists(root.resolve("results/figures/part1-single-thread/sweep-threads-1.png")));
    }

    @Test
    void shouldFallBackToTheOlderRun_whenTheNewestRunOfAnExperimentIsDamaged() throws IOException {
        Path runs = fixtures("part1-single-thread");
        Path good = FixtureRuns.onlyRun(runs.resolve("part1-single-thread"));
        Path newer = copyRun(good, "20271231T000000Z");
        Files.writeString(newer.resolve("threads-1.hlog"), "#[StartTime: 1.0]\n0.000,1.000,1.0,!!!not-a-histogram!!!\n");
        Files.createDirectories(runs.resolve("part1-single-thread/.tmp-20280101T000000Z"));

        assertEquals(1, run("--runs", runs.toString(), "--out", root.resolve("results").toString()));

        assertEquals(List.of("report: " + DamagedRunException.display(newer.resolve("threads-1.hlog"))
                + ": line 2: not a readable interval"), err.toString().lines().toList());
        assertTrue(Files.readString(root.resolve("results/README.md")).contains("`runs/part1-single-thread/" + good.getFileName() + "`"));
    }

    @Test
    void shouldRenderTheNamedRun_whenARunDirIsGivenInsteadOfTheNewest() throws IOException {
        Path runs = fixtures("part1-single-thread");
        Path older = copyRun(FixtureRuns.onlyRun(runs.resolve("part1-single-thread")), "20250101T000000Z");

        assertEquals(0, run(older.toString(), "--runs", runs.toString(), "--out", root.resolve("results").toString()));

        assertEquals("", err.toString());
        assertTrue(Files.readString(root.resolve("results/README.md")).contains("`runs/part1-single-thread/20250101T000000Z`"));
    }

    @Test
    void shouldPrintOneLineAndExit2_whenAFlagIsUnknown() {
        assertEquals(CommandLines.USAGE_ERROR, run("--bogus"));
        assertEquals(List.of("report: Unknown option: '--bogus' (see --help)"), err.toString().lines().toList());
    }

    private int run(String... args) {
        CommandLine commandLine = CommandLines.create(new ReportCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** The fixture runs of {@code experiments} only, under {@code root/results/runs}. */
    private Path fixtures(String... experiments) throws IOException {
        return FixtureRuns.copyTo(root, List.of(experiments));
    }

    private static Path copyRun(Path run, String newName) throws IOException {
        Path copy = run.resolveSibling(newName);
        Files.createDirectories(copy);
        try (var files = Files.list(run)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }
}
