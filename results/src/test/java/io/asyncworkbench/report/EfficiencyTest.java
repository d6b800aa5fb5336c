package io.asyncworkbench.report;

import io.asyncworkbench.run.RunMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The efficiency section: JMH's per-request costs read from its JSON, each server's CPU ceiling
 * (threads / cost) and its measured rate over that ceiling. The fixture JMH file
 * ({@code src/test/resources/fixture-jmh/}) has the HTTP exchange at {@code constant} (1.49 µs CPU)
 * and at {@code faithful:100} (3.25 µs), and the workloads {@code faithful:100}, {@code spin:160us}
 * (161.5 µs) and {@code spin:4ms}, but not {@code spin:1ms}.
 */
@Timeout(30)
class EfficiencyTest {

    private static JmhResults fixture(Path dir) throws Exception {
        return JmhResults.newest(FixtureRuns.copyJmhTo(dir)).orElseThrow();
    }

    @Test
    void shouldReadCpuTimeInNanoseconds_whenTheFileHasTheProfilersMetric(@TempDir Path dir) throws Exception {
        JmhResults jmh = fixture(dir);
        JmhResults.Score spin = jmh.find(Efficiency.WORKLOAD, "spin:160us").orElseThrow();
        assertEquals(161_500, spin.nanos(), 1e-6, "cpu.time.norm, not the primary score");
        assertTrue(spin.cpuTime());
        JmhResults.Score clock = jmh.find("FireTimeScheduleBenchmark.clockRead", "").orElseThrow();
        assertFalse(clock.cpuTime(), "no profiler metric: JMH's average time");
        assertTrue(Double.isNaN(clock.errorNanos()), "JMH writes a missing error as \"NaN\"");
    }

    @Test
    void shouldUseTheWholeExchange_whenJmhMeasuredItAtThatWorkload(@TempDir Path dir) throws Exception {
        JmhResults jmh = fixture(dir);
        assertEquals(3_250, Efficiency.perRequest(jmh, "faithful:100").orElseThrow().nanos(), 1e-6);
        Efficiency.Cost spin = Efficiency.perRequest(jmh, "spin:160us").orElseThrow();
        assertEquals(1_490 + 161_500, spin.nanos(), 1e-6, "HTTP alone plus the workload");
        assertEquals(300 + 900, spin.errorNanos(), 1e-6, "errors add up");
        assertTrue(Efficiency.perRequest(jmh, "spin:1ms").isEmpty(), "a workload JMH did not run has no cost");
    }

    @Test
    void shouldReadBytesPerOperation_whenJmhRanWithTheGcProfiler(@TempDir Path dir) throws Exception {
        JmhResults jmh = fixture(dir);
        assertEquals(1_297.6, jmh.find(Efficiency.EXCHANGE, "constant").orElseThrow().bytes(), 1e-6);
        assertTrue(Double.isNaN(jmh.find(Efficiency.WORKLOAD, "spin:160us").orElseThrow().bytes()), "no -prof gc: no bytes");
    }

    @Test
    void shouldCompareTheSharedCoreWithTheMinimalServer_whenJmhRanBoth(@TempDir Path dir) throws Exception {
        Block.Paragraph cost = (Block.Paragraph) Efficiency.sharedCoreCost(fixture(dir)).orElseThrow();
        assertTrue(cost.text().contains("costs 1.49 µs ± 0.30 µs"), cost.text());
        assertTrue(cost.text().contains("850 ns ± 30.0 ns: 1.75 times, allocating 1,298 bytes per exchange against 1,202"), cost.text());
        assertTrue(Efficiency.sharedCoreCost(new JmhResults(dir, List.of())).isEmpty(), "nothing to compare");
    }

    @Test
    void shouldPickTheNewestFile_andSayWhichIsDamaged(@TempDir Path dir) throws Exception {
        assertTrue(JmhResults.newest(dir.resolve("absent")).isEmpty());
        Files.writeString(dir.resolve("20261126T100000Z.json"), "[]");
        Files.writeString(dir.resolve("20261126T120000Z.json"), "{\"not\": \"jmh\"}");
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        DamagedRunException e = assertThrows(DamagedRunException.class, () -> JmhResults.newest(dir));
        assertTrue(e.getMessage().contains("20261126T120000Z.json"), e.getMessage());
        Files.delete(dir.resolve("20261126T120000Z.json"));
        assertEquals(List.of(), JmhResults.newest(dir).orElseThrow().scores());
    }

    @Test
    void shouldNameTheWorkloadAsJmhDoes_whenTheServerArgumentsSpellItAnotherWay() {
        assertEquals("faithful:100", Efficiency.workload(serverArgs("--threads", "2")), "the servers' default");
        assertEquals("spin:1ms", Efficiency.workload(serverArgs("--workload=spin:1000us")));
        assertEquals("spin:4ms", Efficiency.workload(serverArgs("--inline", "--workload", "spin:4ms")));
        assertEquals("bogus", Efficiency.workload(serverArgs("--workload", "bogus")));
    }

    @Test
    void shouldCountThreadsUpToTheServersCpus_whenThePlacementPinnedIt() {
        assertEquals(3, Efficiency.cpuCount("0,2-3"));
        assertEquals(0, Efficiency.cpuCount("one"));
        RunMeta.Series offload = series(3);
        assertEquals(1, Efficiency.threadsUsed(offload, meta("0")));
        assertEquals(2, Efficiency.threadsUsed(offload, meta("0-1")));
        assertTrue(Double.isNaN(Efficiency.threadsUsed(series(null), meta("0-1"))), "an older run does not say");
    }

    @Test
    void shouldShowARowPerServerTheLoadDidNotLimit_whenRenderingTheFixtures() throws IOException {
        String readme = Files.readString(FixtureReport.get().out().resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Efficiency"));
        // 1 thread / (1.49 + 161.5 us) = 6,135 req/s.
        assertTrue(section.contains("| part1-single-thread | Netty, 1 thread | spin:160us | 1 | 163 ± 1.20 | 6,135 |"), section);
        // Offload: 3 threads on the 2 CPUs of its shared placement, so 2 / 4,011.5 us = 499 req/s.
        assertTrue(section.contains("| part3-offload | work on a worker pool | spin:4ms | 2 | 4,011 ± 30.3 | 499 |"), section);
        assertFalse(section.contains("| ephemeral-ports |"), "one user count: the load set it");
        assertTrue(section.contains("| book-blocking-vs-async |"), "closed-model runs are read for their peak");
    }

    private static RunMeta.Series serverArgs(String... args) {
        return new RunMeta.Series("s", "s", "stage", null, List.of(args), null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    private static RunMeta.Series series(Integer threads) {
        return new RunMeta.Series("s", "s", "stage", null, List.of(), null, null, null, null, null, null, null, threads, null, null, null,
                null, null, null, null);
    }

    private static RunMeta meta(String serverCpus) {
        return new RunMeta("e", null, null, null, null, null, null, null, new RunMeta.Machine(null, 2, null, null, null, null),
                null, null, new RunMeta.Placement(serverCpus, null, true), null, null, null, null, null, null, null, 1.0, null,
                List.of(), null, null);
    }
}
