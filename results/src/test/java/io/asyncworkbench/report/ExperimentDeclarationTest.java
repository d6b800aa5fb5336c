package io.asyncworkbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The figures an experiment's definition declares are the figures drawn of its runs; a declaration
 * the report cannot use is one line naming the definition and the field. The fixture definitions
 * are in {@code src/test/resources/experiments/}; the runs are the fixture runs under another name.
 */
@Timeout(60)
class ExperimentDeclarationTest {

    private static final Path SHIPPED = Path.of("../experiments/src/main/resources/experiments");

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldDrawTheDeclaredPanels_whenAnExperimentDeclaresAPanelFigure() throws IOException {
        Path runs = FixtureRuns.copyTo(root, List.of("accept-loop", "part1-single-thread"));
        renameExperiment(runs, "accept-loop", "fixture-two-panels");

        assertEquals(0, render(runs), err.toString());

        Path figures = root.resolve("results/figures/fixture-two-panels");
        assertEquals(List.of("fds-and-cpu.csv", "fds-and-cpu.png"), names(figures));
        String csv = Files.readString(figures.resolve("fds-and-cpu.csv"));
        assertEquals(Set.of("process_open_fds", "cpu_pct"), metrics(csv));
        // The naive loop's CPU counter went from 0 to 0.98 s in its first second: 98% of one CPU.
        assertTrue(csv.contains("\nnaive,1,cpu_pct,98\n"), csv);
        assertEquals(160 + 200 * 2, ImageIO.read(figures.resolve("fds-and-cpu.png").toFile()).getHeight());

        String readme = Files.readString(root.resolve("results/README.md"));
        assertTrue(readme.contains("Declared by the fixture experiment: open fds above, CPU below."), "the declared caption");
        assertTrue(readme.contains("An experiment of the tests: its definition"), "the definition's summary where meta.json has none");
        assertTrue(readme.indexOf("## fixture-two-panels") < readme.indexOf("## part1-single-thread"), "order 0 comes first");
    }

    @Test
    void shouldDrawTheGenericFigures_whenAnExperimentHasNoDefinition() throws IOException {
        Path runs = FixtureRuns.copyTo(root, List.of("part1-single-thread"));
        renameExperiment(runs, "part1-single-thread", "my-own-sweep");

        assertEquals(0, render(runs), err.toString());

        assertEquals(List.of("sweep-threads-1.csv", "sweep-threads-1.png"), names(root.resolve("results/figures/my-own-sweep")));
    }

    @Test
    void shouldNameTheDefinitionAndTheFieldAndRenderTheRest_whenAFigureKindIsUnknown() throws IOException {
        Path runs = FixtureRuns.copyTo(root, List.of("accept-loop", "part1-single-thread"));
        renameExperiment(runs, "accept-loop", "fixture-bad-kind");

        assertEquals(1, render(runs));

        assertEquals(List.of("report: experiments/fixture-bad-kind.json: figures[1].kind: unknown 'pie'"
                + " (known: rate-sweep, sweep-comparison, percentiles, scaling, users-sweep, panels)"), err.toString().lines().toList());
        String readme = Files.readString(root.resolve("results/README.md"));
        assertTrue(readme.contains("## part1-single-thread") && !readme.contains("## fixture-bad-kind"), readme);
    }

    @Test
    void shouldNameTheField_whenAPanelReadsAQuantityItsAxisDoesNotHave() {
        String users = figure("""
                {"kind": "panels", "name": "n", "title": "t", "caption": "c", "x": "users",
                 "panels": [{"y": "y", "lines": [{"from": "achieved_rps"}]}, {"y": "y", "lines": [{"from": "p98_ms"}]}]}""");
        assertTrue(problem(users).startsWith("my.json: figures[0].panels[1].lines[0].from: 'p98_ms' is not a steps.csv column"
                + " (known: offered_rps, users, "), problem(users));

        String time = figure("""
                {"kind": "panels", "name": "n", "title": "t", "caption": "c", "x": "time",
                 "panels": [{"y": "y", "lines": [{"from": "open fds"}]}]}""");
        assertEquals("my.json: figures[0].panels[0].lines[0].from: 'open fds' is not a metric name of server-metrics.csv",
                problem(time));
    }

    @Test
    void shouldNameTheField_whenADeclarationIsMisspelledOrIncomplete() {
        assertEquals("my.json: figures[0].x: 'seconds' is not one of [time, users, offered-rate]", problem(figure("""
                {"kind": "panels", "name": "n", "title": "t", "caption": "c", "x": "seconds", "panels": []}""")));
        assertEquals("my.json: figures[0].panels[0].lines[0].colour: unknown field (known: from, legend, metric, perSecond, scale, style)",
                problem(figure("""
                {"kind": "panels", "name": "n", "title": "t", "caption": "c", "x": "time",
                 "panels": [{"y": "y", "lines": [{"from": "process_open_fds", "colour": "red"}]}]}""")));
        assertEquals("my.json: figures[0].panels[0].y: the axis label is required", problem(figure("""
                {"kind": "panels", "name": "n", "title": "t", "caption": "c", "x": "time",
                 "panels": [{"lines": [{"from": "process_open_fds"}]}]}""")));
        assertEquals("my.json: figures[0].caption: required: what the reader should look for", problem(figure("""
                {"kind": "panels", "name": "n", "title": "t", "x": "time", "panels": []}""")));
        assertEquals("my.json: figures[0].name: rate-sweep takes no parameters", problem(figure("""
                {"kind": "rate-sweep", "name": "sweep"}""")));
        assertEquals("my.json: figures[0].kind: required (known: rate-sweep, sweep-comparison, percentiles, scaling, users-sweep, panels)",
                problem(figure("{}")));
    }

    @Test
    void shouldReadEveryValue_whenSpelledAsTheVocabularySays() {
        ExperimentDeclaration declared = ExperimentDeclaration.parse("my.json", figure("""
                {"kind": "panels", "name": "n", "title": "t", "caption": "c", "x": "offered-rate", "series": "each",
                 "panels": [{"y": "y", "log": true, "reference": "fd-limit",
                             "lines": [{"from": "p99_ms", "style": "points"}, {"from": "p50_ms", "style": "dashed"}]}]}"""));
        PanelFigure panels = (PanelFigure) declared.figures().getFirst();
        assertEquals(PanelFigure.XAxis.OFFERED_RATE, panels.x());
        assertEquals(PanelFigure.Layout.EACH, panels.series());
        assertEquals(PanelFigure.Reference.FD_LIMIT, panels.panels().getFirst().reference());
        assertEquals(List.of(PanelFigure.LineStyle.POINTS, PanelFigure.LineStyle.DASHED),
                panels.panels().getFirst().lines().stream().map(PanelFigure.Line::style).toList());
        assertEquals(List.of(FigureDeclaration.Preset.SWEEP_COMPARISON, FigureDeclaration.Preset.USERS_SWEEP),
                ExperimentDeclaration.parse("my.json", figure("{\"kind\": \"sweep-comparison\"}, {\"kind\": \"users-sweep\"}")).figures());
    }

    @Test
    void shouldDeclareEveryShippedExperimentsFigures_whenReadAsTheReportReadsThem() throws IOException {
        List<Integer> orders = new ArrayList<>();
        try (Stream<Path> files = Files.list(SHIPPED)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                ExperimentDeclaration declared = ExperimentDeclaration.parse(file.toString(), Files.readString(file));
                assertNotNull(declared.order(), file + ": order");
                assertTrue(declared.figures() != null && !declared.figures().isEmpty(), file + ": figures");
                orders.add(declared.order());
            }
        }
        assertEquals(6, orders.size(), "the definitions were read from " + SHIPPED.toAbsolutePath());
        assertEquals(orders.size(), Set.copyOf(orders).size(), "no two experiments share a place: " + orders);
    }

    private int render(Path runs) throws IOException {
        return Report.render(runs, List.of(), root.resolve("results/jmh"), root.resolve("results"),
                new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Makes the fixture run of {@code from} a run of {@code to}: its folder and its meta.json, without a summary of its own. */
    private static void renameExperiment(Path runs, String from, String to) throws IOException {
        Path dir = Files.move(runs.resolve(from), runs.resolve(to));
        Path meta = FixtureRuns.onlyRun(dir).resolve("meta.json");
        List<String> lines = new ArrayList<>(Files.readAllLines(meta).stream()
                .filter(line -> !line.startsWith("  \"summary\": ")).toList());
        lines.replaceAll(line -> line.equals("  \"experiment\": \"" + from + "\",") ? "  \"experiment\": \"" + to + "\"," : line);
        Files.write(meta, lines);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** The metric column of a long-format figure CSV ({@code series,x,metric,value}), as a set. */
    private static Set<String> metrics(String csv) {
        return csv.lines().skip(1).map(line -> line.split(",")[2]).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    private static String figure(String json) {
        return "{\"name\": \"my\", \"figures\": [" + json + "]}";
    }

    private static String problem(String definition) {
        return assertThrows(BadDeclarationException.class, () -> ExperimentDeclaration.parse("my.json", definition)).getMessage();
    }
}
