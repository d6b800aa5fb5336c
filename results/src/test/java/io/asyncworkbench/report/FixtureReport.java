package io.asyncworkbench.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The report of the six fixture runs and the fixture JMH results, rendered once per test JVM into
 * {@code target/fixture-report/results/} (where it stays, to be looked at) and shared by the
 * tests that only read it.
 */
final class FixtureReport {

    static final Path ROOT = Path.of("target/fixture-report");

    /** The output folder, its exit status, and what it printed. */
    record Rendered(Path out, int status, String output) {
    }

    private static Rendered rendered;

    private FixtureReport() {
    }

    static synchronized Rendered get() throws IOException {
        if (rendered == null) {
            deleteRecursively(ROOT);
            Path runs = FixtureRuns.copyTo(ROOT);
            Path jmh = FixtureRuns.copyJmhTo(ROOT);
            Path out = ROOT.resolve("results");
            StringWriter text = new StringWriter();
            int status = Report.render(runs, List.of(), jmh, out, new PrintWriter(text, true), new PrintWriter(text, true));
            rendered = new Rendered(out, status, text.toString());
        }
        return rendered;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
