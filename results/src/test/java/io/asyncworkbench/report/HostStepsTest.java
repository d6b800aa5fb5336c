package io.asyncworkbench.report;

import io.asyncworkbench.run.RunMeta;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading a run whose load came from two hosts ({@code fixture-runs-hosts/}): meta.json's
 * {@code hosts}, {@code steps-by-host.csv} and each host's {@code .hlog}; and the one line a
 * damaged or inconsistent one gives.
 */
@Timeout(30)
class HostStepsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    Path run;

    @BeforeEach
    void copyFixture() throws IOException {
        run = FixtureRuns.copyHostsRunTo(root);
    }

    @Test
    void shouldReadTheHostsAndEachLoadHostsRows_whenTheLoadCameFromTwoHosts() throws DamagedRunException {
        Run read = Run.load(run);

        RunMeta.Hosts hosts = read.meta().hosts();
        assertEquals("root@198.19.7.2", hosts.server().destination());
        assertEquals(List.of("load-1", "load-2"), hosts.loadLabels());
        assertEquals("bench@wbhost3", hosts.load().get(1).destination());
        assertEquals(-0.2, hosts.load().getFirst().clockOffsetMillis());
        assertEquals(0.6, hosts.load().get(1).clockUncertaintyMillis());
        assertEquals("21.0.5", hosts.load().get(1).jdk().version());
        assertEquals(List.of("load-1", "load-2"), read.byHost().hosts());
        Step loadTwoStep7 = read.byHost().rowsByHost().get("load-2").get(6);
        assertEquals(7, loadTwoStep7.step());
        assertEquals(1, loadTwoStep7.rep());
        assertEquals(3000, loadTwoStep7.offeredRps(), "its half of the 6,000 req/s offered");
        assertEquals(13600, loadTwoStep7.value("requests"));
        assertTrue(loadTwoStep7.generatorLimited());
        assertFalse(read.byHost().rowsByHost().get("load-1").get(6).generatorLimited());
    }

    @Test
    void shouldGiveEachHostsRowsOfAStep_whenAskedForTheRepetitionsOfItsTotal() throws DamagedRunException {
        Run read = Run.load(run);
        Step sixThousand = read.steps("threads-1").getLast();

        List<Step> reps = read.byHost().repetitionsOf("load-2", read.repetitionsOf(sixThousand));

        assertEquals(List.of(7, 8, 9), reps.stream().map(Step::step).toList());
        assertEquals(List.of(13600.0, 14950.0, 13200.0), reps.stream().map(s -> s.value("requests")).toList());
    }

    @Test
    void shouldReadNoHosts_whenEverythingRanOnTheRunnersMachine() throws IOException, DamagedRunException {
        Run single = Run.load(FixtureRuns.onlyRun(FixtureRuns.copyTo(root.resolve("plain"), List.of("part1-single-thread"))
                .resolve("part1-single-thread")));
        assertNull(single.meta().hosts());
        assertTrue(single.byHost().isEmpty());
    }

    @Test
    void shouldNotLookForStepsByHost_whenTheOneLoadHostIsTheRunnersOwn() throws IOException, DamagedRunException {
        ObjectNode meta = (ObjectNode) JSON.readTree(run.resolve("meta.json").toFile());
        ArrayNode load = (ArrayNode) meta.path("hosts").path("load");
        load.remove(1);
        ((ObjectNode) load.get(0)).put("destination", "local");
        JSON.writeValue(run.resolve("meta.json").toFile(), meta);
        Files.delete(run.resolve("steps-by-host.csv"));
        Files.delete(run.resolve("threads-1.load-1.hlog"));
        Files.delete(run.resolve("threads-1.load-2.hlog"));

        Run read = Run.load(run);

        assertEquals("root@198.19.7.2", read.meta().hosts().server().destination(), "the server still ran elsewhere");
        assertTrue(read.byHost().isEmpty());
    }

    @Test
    void shouldSayMissing_whenTheLoadCameFromTwoHostsWithoutTheirFiles() throws IOException {
        Files.delete(run.resolve("threads-1.load-2.hlog"));
        assertEquals(DamagedRunException.display(run.resolve("threads-1.load-2.hlog")) + ": missing",
                assertThrows(DamagedRunException.class, () -> Run.load(run)).getMessage());

        Files.delete(run.resolve("steps-by-host.csv"));
        assertEquals(DamagedRunException.display(run.resolve("steps-by-host.csv")) + ": missing",
                assertThrows(DamagedRunException.class, () -> Run.load(run)).getMessage());
    }

    @Test
    void shouldNameTheStep_whenTheHostsResponsesDoNotAddUpToTheTotal() throws IOException {
        editByHost(lines -> lines.set(14, lines.get(14).replace(",13600,2720,", ",13601,2720.2,")));
        assertEquals(display() + ": the hosts' requests of step 7 of threads-1 add up to 28601, steps.csv has 28600",
                assertThrows(DamagedRunException.class, () -> Run.load(run)).getMessage());
    }

    @Test
    void shouldNameTheStep_whenAHostHasNoRowForIt() throws IOException {
        editByHost(lines -> lines.remove(14));
        assertEquals(display() + ": step 7 of threads-1 has rows of 1 of the 2 load hosts",
                assertThrows(DamagedRunException.class, () -> Run.load(run)).getMessage());
    }

    @Test
    void shouldNameTheLine_whenARowIsOfAnUnknownHostOrRepeatsOne() throws IOException {
        List<String> whole = Files.readAllLines(run.resolve("steps-by-host.csv"));
        editByHost(lines -> lines.set(14, lines.get(14).replace("load-2,", "load-3,")));
        assertEquals(display() + ": line 15: host 'load-3' is not one of meta.json's load hosts [load-1, load-2]",
                assertThrows(DamagedRunException.class, () -> Run.load(run)).getMessage());

        Files.write(run.resolve("steps-by-host.csv"), whole);
        editByHost(lines -> lines.set(14, lines.get(14).replace("load-2,", "load-1,")));
        assertEquals(display() + ": line 15: a second row of load-1 for step 7 of threads-1",
                assertThrows(DamagedRunException.class, () -> Run.load(run)).getMessage());

        Files.write(run.resolve("steps-by-host.csv"), whole);
        editByHost(lines -> lines.set(14, lines.get(14).replace("load-2,threads-1,7,1,", "load-2,threads-1,7,2,")));
        assertEquals(display() + ": line 15: step 7 of threads-1 is repetition 1, sweep, open model in steps.csv",
                assertThrows(DamagedRunException.class, () -> Run.load(run)).getMessage());
    }

    @Test
    void shouldNameTheProblem_whenTwoLoadHostsShareALabel() throws IOException {
        Path file = run.resolve("meta.json");
        Files.writeString(file, Files.readString(file).replace("\"label\": \"load-2\"", "\"label\": \"load-1\""));
        assertEquals(DamagedRunException.display(file) + ": two load hosts share one label",
                assertThrows(DamagedRunException.class, () -> MetaFile.read(file)).getMessage());
    }

    private String display() {
        return DamagedRunException.display(run.resolve("steps-by-host.csv"));
    }

    private void editByHost(java.util.function.Consumer<List<String>> edit) throws IOException {
        Path file = run.resolve("steps-by-host.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        edit.accept(lines);
        Files.write(file, lines);
    }
}
