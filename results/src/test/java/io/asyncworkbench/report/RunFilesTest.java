package io.asyncworkbench.report;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the files of a run: what comes out of a whole file, and the one line a damaged one gives. */
@Timeout(30)
class RunFilesTest {

    @TempDir
    Path root;
    Path offload;

    @BeforeEach
    void copyFixtures() throws IOException {
        offload = FixtureRuns.onlyRun(FixtureRuns.copyTo(root, List.of("part3-offload")).resolve("part3-offload"));
    }

    @Test
    void shouldKeepNamedPhasesApartInTheOrderRun_whenAnExperimentNamesThem() throws IOException, DamagedRunException {
        Run run = Run.load(FixtureRuns.onlyRun(FixtureRuns.copyTo(root, List.of("accept-loop")).resolve("accept-loop")));

        List<Step> steps = run.steps("naive");
        assertEquals(List.of("load-storm", "after"), steps.stream().map(Step::phase).toList(), "in the order run, not by users");
        assertEquals(1000.0, steps.getFirst().users());
        for (Step step : steps) {
            assertEquals(3, run.repetitionsOf(step).size(), step.phase());
        }
    }

    @Test
    void shouldReadEveryIntervalWithItsStepAndTime_whenTheLogIsWhole() throws DamagedRunException {
        List<LatencyLog.Interval> intervals = LatencyLog.read(offload.resolve("inline.hlog"));
        assertEquals(36, intervals.size(), "4 steps, 3 repetitions each, of 3 s");
        LatencyLog.Interval tenth = intervals.get(9);
        assertEquals("step-4", tenth.tag(), "the second step's first repetition");
        assertEquals(9.0, tenth.startSeconds());
        assertEquals(10.0, tenth.endSeconds());
        assertEquals(200, tenth.count());
        assertEquals(12.0, tenth.p99Millis(), 0.01, "the step's p99, within HdrHistogram's 3 digits");
    }

    @Test
    void shouldSkipUncorrectedAndSendLagIntervals_whenTheLogHoldsThem() throws IOException, DamagedRunException {
        Path log = offload.resolve("inline.hlog");
        List<LatencyLog.Interval> corrected = LatencyLog.read(log);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        int first = 4;  // 0-based: the first interval, after three comments and the legend
        lines.add(first, lines.get(lines.size() - 1).replaceFirst("^Tag=step-12,[^,]+,", "Tag=step-12-uncorrected,0.000,"));
        lines.add(first, lines.get(lines.size() - 1).replaceFirst("^Tag=step-12,[^,]+,", "Tag=step-12-send-lag,0.000,"));
        Files.write(log, lines);
        assertEquals(corrected, LatencyLog.read(log), "the uncorrected and send-lag intervals are left out");
    }

    @Test
    void shouldNameTheLine_whenAnIntervalOfTheLogIsDamaged() throws IOException {
        Path log = offload.resolve("inline.hlog");
        List<String> lines = Files.readAllLines(log);
        int line = lines.size() - 1;  // 1-based: the second-to-last line
        lines.set(line - 1, lines.get(line - 1).replaceFirst(",[^,]+$", ",AAAAnot-base64"));
        Files.write(log, lines);
        DamagedRunException e = assertThrows(DamagedRunException.class, () -> LatencyLog.read(log));
        assertEquals(DamagedRunException.display(log) + ": line " + line + ": not a readable interval", e.getMessage());
    }

    @Test
    void shouldNameTheFileAndColumn_whenStepsLackAColumn() throws IOException {
        Path steps = offload.resolve("steps.csv");
        List<String> lines = Files.readAllLines(steps);
        lines.set(0, lines.get(0).replace("p99_ms", "p99"));
        Files.write(steps, lines);
        DamagedRunException e = assertThrows(DamagedRunException.class, () -> Step.read(steps, Set.of("inline", "offload")));
        assertEquals(DamagedRunException.display(steps) + ": line 1: no column 'p99_ms' in the header", e.getMessage());
    }

    @Test
    void shouldNameTheLine_whenAStepHasTooFewCellsOrAnUnknownSeries() throws IOException {
        Path steps = offload.resolve("steps.csv");
        List<String> lines = Files.readAllLines(steps);
        Files.write(steps, List.of(lines.get(0), lines.get(1), "inline,2,open"));
        DamagedRunException e = assertThrows(DamagedRunException.class, () -> Step.read(steps, Set.of("inline", "offload")));
        assertEquals(DamagedRunException.display(steps) + ": line 3: 3 cells where the header has 30", e.getMessage());

        Files.write(steps, List.of(lines.get(0), lines.get(1)));
        e = assertThrows(DamagedRunException.class, () -> Step.read(steps, Set.of("offload")));
        assertEquals(DamagedRunException.display(steps) + ": line 2: series 'inline' is not one of meta.json's series [offload]",
                e.getMessage());
    }

    @Test
    void shouldReadARunOfFormat1_asOneRepetitionOfPlainSteps() throws IOException, DamagedRunException {
        Path steps = offload.resolve("steps.csv");
        List<String> lines = Files.readAllLines(steps);
        List<String> header = List.of(lines.get(0).split(","));
        int rep = header.indexOf("rep");
        int phase = header.indexOf("phase");
        int jit = header.indexOf("generator_jit_ms");
        List<String> format1 = new ArrayList<>();
        for (String line : List.of(lines.get(0), lines.get(1))) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(jit);
            cells.remove(phase);
            cells.remove(rep);
            format1.add(String.join(",", cells));
        }
        Files.write(steps, format1);

        Step step = Step.read(steps, Set.of("inline", "offload")).getFirst();

        assertEquals(1, step.rep());
        assertEquals("step", step.phase());
        assertEquals(150, step.offeredRps());
        assertTrue(Double.isNaN(step.value("generator_jit_ms")), "not measured then");
        Files.write(steps, List.of(lines.get(0).replace(",phase,", ",stage,"), lines.get(1)));
        assertEquals(DamagedRunException.display(steps) + ": line 1: no column 'phase' in the header",
                assertThrows(DamagedRunException.class, () -> Step.read(steps, Set.of("inline", "offload"))).getMessage());
    }

    @Test
    void shouldSayMissing_whenAFileOfTheRunIsAbsent() throws IOException {
        Files.delete(offload.resolve("server-metrics.csv"));
        DamagedRunException e = assertThrows(DamagedRunException.class, () -> Run.load(offload));
        assertEquals(DamagedRunException.display(offload.resolve("server-metrics.csv")) + ": missing", e.getMessage());
    }

    @Test
    void shouldNameTheLine_whenMetaJsonIsNotJson() throws IOException {
        Path meta = offload.resolve("meta.json");
        Files.writeString(meta, "{\n  \"experiment\": \"part3-offload\",\n  oops\n}\n");
        DamagedRunException e = assertThrows(DamagedRunException.class, () -> MetaFile.read(meta));
        assertEquals(DamagedRunException.display(meta) + ": line 3: not valid meta.json: Unexpected character ('o' (code 111)):"
                + " was expecting double-quote to start field name", e.getMessage());
    }

    @Test
    void shouldSumOverLabelsAndDifferenceCounters_whenReadingServerMetrics() throws IOException, DamagedRunException {
        Path csv = root.resolve("server-metrics.csv");
        Files.writeString(csv, """
                series,t_s,name,labels,value
                s,1,accepted,thread=loop-0,10
                s,1,accepted,thread=loop-1,5
                s,2,accepted,thread=loop-0,30
                s,2,accepted,thread=loop-1,15
                s,2,other,,99
                """);
        ServerSamples samples = ServerSamples.read(csv, Set.of("s"));
        assertEquals(Map.of(1.0, 15.0, 2.0, 45.0), samples.total("s", "accepted"));
        assertEquals(Map.of(2.0, 30.0), samples.perSecond("s", "accepted"));
        assertEquals(Map.of(), samples.total("s", "absent"));
    }
}
