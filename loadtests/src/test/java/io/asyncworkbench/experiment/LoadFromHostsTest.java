package io.asyncworkbench.experiment;

import io.asyncworkbench.load.Summary;
import io.asyncworkbench.load.SummaryMerge;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces of load spread over hosts: each host's share, the exact merge of their logs, the remote shell's quoting. */
class LoadFromHostsTest {

    @TempDir
    Path dir;

    @Test
    void shares_shouldAddUpToTheWholeLoad() {
        List<String> args = List.of("--url", "http://198.19.0.2:8080/data", "--rate", "1000", "--max-connections", "33", "--duration", "2s");
        assertEquals(List.of("--url", "http://198.19.0.2:8080/data", "--rate", "333.333333", "--max-connections", "11", "--duration", "2s"),
                LoadShares.share(args, 3, 0));
        assertEquals(List.of("--users", "3", "--hold-idle", "2"), LoadShares.share(List.of("--users", "5", "--hold-idle", "3"), 2, 0));
        assertEquals(List.of("--users", "2", "--hold-idle", "1"), LoadShares.share(List.of("--users", "5", "--hold-idle", "3"), 2, 1));
        assertEquals(List.of("--rate", "500"), LoadShares.share(List.of("--rate", "1000"), 2, 1));
        assertEquals(args, LoadShares.share(args, 1, 0), "one host runs the whole load");
    }

    @Test
    void shares_shouldRefuseWhatCannotBeShared() {
        IllegalArgumentException users = assertThrows(IllegalArgumentException.class,
                () -> LoadShares.share(List.of("--users", "1"), 2, 1));
        assertEquals("--users 1 cannot be shared by 2 load hosts: each needs at least 1", users.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LoadShares.share(List.of("--profile", "p.yaml"), 2, 0));
    }

    @Test
    void merge_shouldGiveThePercentilesOfTheUnionOfEveryHostsValues() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        Histogram union = new Histogram(1, 3_600_000_000_000L, 3);
        List<Path> logs = new ArrayList<>();
        List<Summary> summaries = new ArrayList<>();
        for (int host = 0; host < 2; host++) {
            List<long[]> seconds = new ArrayList<>();
            long count = 0;
            long scale = host == 1 ? 10 : 1;
            for (int s = 0; s < 3; s++) {
                // Two hosts with different latencies: host 2's are ten times host 1's.
                long[] values = random.longs(200 + 50 * host, 100_000, 2_000_000).map(v -> v * scale).toArray();
                seconds.add(values);
                for (long v : values) {
                    union.recordValue(v);
                }
                count += values.length;
            }
            logs.add(writeLog("host" + host + ".hlog", 1_000_000L * host, seconds));
            summaries.add(summary(count, 100.0 * (host + 1), host == 1));
        }

        Summary total = SummaryMerge.merge(List.of("load-1", "load-2"), summaries, logs);

        assertEquals(union.getTotalCount(), total.latency().count());
        assertEquals(summaries.get(0).responses() + summaries.get(1).responses(), total.responses());
        assertEquals(union.getValueAtPercentile(99) / 1e6, total.latency().p99Ms(), 0.0);
        assertEquals(union.getValueAtPercentile(50) / 1e6, total.latency().p50Ms(), 0.0);
        assertEquals(union.getMaxValue() / 1e6, total.latency().maxMs(), 0.0);
        assertEquals(300.0, total.achievedRate(), 1e-9);
        assertTrue(total.generatorLimited(), "limited when any host was");
        assertEquals(List.of("load-2: behind"), total.warnings());
        assertEquals(Map.of("200", union.getTotalCount()), total.statuses());
    }

    @Test
    void hlogMerger_shouldAddTheHostsIntervalByInterval_onTheRunnersClock() throws Exception {
        long origin = 1_800_000_000_000L;
        Path a = writeLog("a.hlog", origin, List.of(new long[] {1_000, 2_000}, new long[] {3_000}));
        // Host b's clock is 40 ms ahead of the runner's: its intervals move back by that much.
        Path b = writeLog("b.hlog", origin + 40, List.of(new long[] {5_000}, new long[] {6_000, 7_000}, new long[] {8_000}));
        Path merged = dir.resolve("series.hlog");
        try (HlogMerger merger = new HlogMerger(merged, origin)) {
            merger.addStep(List.of(new HlogMerger.HostLog(a, 0), new HlogMerger.HostLog(b, 40)), 4);
        }

        List<Histogram> intervals = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(merged.toFile())) {
            for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
                intervals.add((Histogram) h);
            }
        }
        assertEquals(List.of(3L, 3L, 1L), intervals.stream().filter(h -> h.getTag().equals("step-4")).map(Histogram::getTotalCount).toList());
        assertEquals(origin, intervals.getFirst().getStartTimeStamp(), "host b's first interval lands on the runner's second 0");
        assertEquals(List.of(3L, 3L, 1L), intervals.stream().filter(h -> h.getTag().equals("step-4-uncorrected"))
                .map(Histogram::getTotalCount).toList());
    }

    @Test
    void quote_shouldPassEveryWordThroughTheRemoteShellUnchanged() throws Exception {
        List<String> words = List.of("plain", "with space", "it's", "$HOME", "a;b", "*", "\"q\"", "--flag=1", "");
        String line = String.join(" ", words.stream().map(Host::quote).toList());
        Process p = new ProcessBuilder("sh", "-c", "for w in " + line + "; do printf '[%s]\\n' \"$w\"; done").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertEquals(String.join("", words.stream().map(w -> "[" + w + "]\n").toList()), out);
    }

    @Test
    void hostPart_shouldBeTheAddressOfADestination() {
        assertEquals("10.0.0.5", Host.hostPart("bench@10.0.0.5"));
        assertEquals("load1", Host.hostPart("load1"));
    }

    /** A generator's log: one interval a second from {@code startMillis}, untagged and 'uncorrected' alike, of {@code seconds}' values. */
    private Path writeLog(String name, long startMillis, List<long[]> seconds) throws Exception {
        Path file = dir.resolve(name);
        try (PrintStream out = new PrintStream(file.toFile())) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputStartTime(startMillis);
            writer.outputBaseTime(startMillis);
            writer.setBaseTime(startMillis);
            writer.outputLegend();
            for (int s = 0; s < seconds.size(); s++) {
                for (String tag : new String[] {null, "uncorrected", "send-lag"}) {
                    Histogram h = new Histogram(1, 3_600_000_000_000L, 3);
                    for (long v : seconds.get(s)) {
                        h.recordValue(v);
                    }
                    h.setTag(tag);
                    h.setStartTimeStamp(startMillis + 1000L * s);
                    h.setEndTimeStamp(startMillis + 1000L * (s + 1));
                    writer.outputIntervalHistogram(h);
                }
            }
        }
        return file;
    }

    private static Summary summary(long responses, double achievedRate, boolean limited) {
        Summary.Latency none = new Summary.Latency(0, 0, 0, 0, 0, 0, 0);
        return new Summary("workbench load", "2026-12-08T03:00:00Z", "2026-12-08T03:00:03Z", "http://198.19.0.2:8080/data", "GET",
                "open model", "epoll", 1, 10, false, false, achievedRate, 0, 3, responses, responses, responses, 0, achievedRate,
                none, none, none, 10, 10, 0, Map.of(), Map.of("200", responses), null, 0,
                new Summary.Cpu(1, 20, 20, 0, 0), limited ? List.of("behind") : List.of(), limited);
    }
}
