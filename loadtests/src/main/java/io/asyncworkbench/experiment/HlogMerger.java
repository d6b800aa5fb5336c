package io.asyncworkbench.experiment;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Collects the interval logs of a series' steps into one {@code <series>.hlog}: every interval of
 * step N is re-tagged {@code step-N} (corrected latency) or {@code step-N-uncorrected}, and all
 * share one base time, the series' origin, so the log's time axis is the one of
 * {@code server-metrics.csv}. Warm-up steps are never added.
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

    /** Appends the intervals of one step's log; returns how many were copied. */
    int addStep(Path stepLog, int step) throws FileNotFoundException {
        HistogramLogReader reader = new HistogramLogReader(stepLog.toFile());
        int copied = 0;
        try {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                String tag = interval.getTag();
                interval.setTag("step-" + step + (tag == null || tag.isEmpty() ? "" : "-" + tag));
                writer.outputIntervalHistogram(interval);
                copied++;
            }
        } finally {
            reader.close();
        }
        return copied;
    }

    @Override
    public void close() {
        out.close();
    }
}
