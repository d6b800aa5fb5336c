package io.asyncworkbench.experiment;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the interval logs of a series' steps into one {@code <series>.hlog}: every interval of
 * step N is re-tagged {@code step-N} (corrected latency) or {@code step-N-uncorrected}, and all
 * share one base time, the series' origin, so the log's time axis is the one of
 * {@code server-metrics.csv}. Warm-up steps are never added. A load spread over hosts is added
 * up interval by interval into the series' log; each host's own intervals can go to a log of its
 * own ({@code <series>.<host>.hlog}), another merger.
 */
final class HlogMerger implements AutoCloseable {

    private final PrintStream out;
    private final HistogramLogWriter writer;

    HlogMerger(Path target, long originMillis) throws FileNotFoundException {
        out = new PrintStream(target.toFile());
        writer = new HistogramLogWriter(out);
        writer.outputComment("Latency in nanoseconds; tag step-N = corrected (from the intended send time), "
                + "step-N-uncorrected = from the actual send time");
        writer.outputLogFormatVersion();
        writer.outputStartTime(originMillis);
        writer.outputBaseTime(originMillis);
        writer.setBaseTime(originMillis);
        writer.outputLegend();
    }

    /** One generator's log of a step, and how far its clock is ahead of the runner's. */
    record HostLog(Path hlog, double clockOffsetMillis) {
    }

    /**
     * Appends the intervals of one step, logged by one generator or several: the n-th interval of
     * each tag from every host is added into one (the generators start on one agreed instant and
     * tick every second from it), its times moved onto the runner's clock. Returns how many
     * intervals were written.
     */
    int addStep(List<HostLog> logs, int step) throws IOException {
        Map<String, List<Histogram>> byTag = new LinkedHashMap<>();
        for (HostLog log : logs) {
            Map<String, Integer> seen = new HashMap<>();
            long offsetMillis = Math.round(log.clockOffsetMillis());
            try (HistogramLogReader reader = new HistogramLogReader(log.hlog().toFile())) {
                for (EncodableHistogram read; (read = reader.nextIntervalHistogram()) != null; ) {
                    Histogram interval = (Histogram) read;
                    String tag = interval.getTag() == null ? "" : interval.getTag();
                    interval.setStartTimeStamp(interval.getStartTimeStamp() - offsetMillis);
                    interval.setEndTimeStamp(interval.getEndTimeStamp() - offsetMillis);
                    List<Histogram> intervals = byTag.computeIfAbsent(tag, t -> new ArrayList<>());
                    int n = seen.merge(tag, 1, Integer::sum) - 1;
                    if (n == intervals.size()) {
                        intervals.add(interval);
                    } else {
                        Histogram sum = intervals.get(n);
                        sum.add(interval);
                        sum.setStartTimeStamp(Math.min(sum.getStartTimeStamp(), interval.getStartTimeStamp()));
                        sum.setEndTimeStamp(Math.max(sum.getEndTimeStamp(), interval.getEndTimeStamp()));
                    }
                }
            }
        }
        int written = 0;
        int longest = byTag.values().stream().mapToInt(List::size).max().orElse(0);
        for (int n = 0; n < longest; n++) {
            for (Map.Entry<String, List<Histogram>> tagged : byTag.entrySet()) {
                if (n < tagged.getValue().size()) {
                    Histogram interval = tagged.getValue().get(n);
                    interval.setTag("step-" + step + (tagged.getKey().isEmpty() ? "" : "-" + tagged.getKey()));
                    writer.outputIntervalHistogram(interval);
                    written++;
                }
            }
        }
        return written;
    }

    @Override
    public void close() {
        out.close();
    }
}
