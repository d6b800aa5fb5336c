package io.asyncworkbench.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntervalHistogramProvider;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;
import org.HdrHistogram.ValueRecorder;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A duration that serving threads record and {@code /metrics} summarises, over everything
 * recorded since start, as a Prometheus summary: the 0.5, 0.99 and 0.999 quantiles, the sum and
 * the count, plus the max (HdrHistogram, 3 significant digits, 1 ns to 60 s).
 *
 * <p><b>Recording</b> goes to an HdrHistogram {@link SingleWriterRecorder} (one writer: the event
 * loop that owns it) or {@link Recorder} (any number of writers): no lock, no allocation.
 *
 * <p><b>A scrape</b> calls {@link #drain()} once: what was recorded since the last scrape moves
 * into the running total, and the snapshot is read from that total, so each value is counted
 * exactly once and the count, sum, max and quantiles of one scrape describe the same values.
 * For example: 100 requests of 1, 2, ... 100 ms, a scrape (count 100, max 0.1 s), one request of
 * 200 ms, a scrape (count 101, max 0.2 s), a scrape (count 101 again).
 *
 * <p><b>The one lock</b> is {@code drain}'s, and only scrapes take it (the recording threads never
 * do): when two event loops serve a scrape each at the same moment, they take turns on this
 * summary for the microseconds of one drain, instead of adding into the total together.
 */
final class DurationSummary {

    /** Longest duration tracked: 60 s, in nanoseconds (longer values are clamped). */
    static final long MAX_TRACKED_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final double[] QUANTILES = {0.5, 0.99, 0.999};
    private static final String[] QUANTILE_LABELS = {"0.5", "0.99", "0.999"};

    private final ValueRecorder recorder;
    private final IntervalHistogramProvider<Histogram> intervals;

    /** Everything drained so far; only touched under this object's lock, by scrapes. */
    private final Histogram total = new Histogram(1, MAX_TRACKED_NANOS, 3);
    private Histogram interval;

    DurationSummary(ThreadMetrics.Writers writers) {
        if (writers == ThreadMetrics.Writers.MANY) {
            Recorder many = new Recorder(1, MAX_TRACKED_NANOS, 3);
            recorder = many;
            intervals = many;
        } else {
            SingleWriterRecorder one = new SingleWriterRecorder(1, MAX_TRACKED_NANOS, 3);
            recorder = one;
            intervals = one;
        }
    }

    /** Records {@code nanos}, clamped to 1 ns - 60 s. */
    void record(long nanos) {
        recorder.recordValue(Math.min(Math.max(nanos, 1), MAX_TRACKED_NANOS));
    }

    /** Moves what was recorded since the last drain into the total, and summarises the total. Once per scrape. */
    synchronized Snapshot drain() {
        interval = intervals.getIntervalHistogram(interval);
        total.add(interval);
        long count = total.getTotalCount();
        double[] quantileSeconds = new double[QUANTILES.length];
        for (int i = 0; i < QUANTILES.length; i++) {
            quantileSeconds[i] = count == 0 ? Double.NaN : total.getValueAtPercentile(QUANTILES[i] * 100) / 1e9;
        }
        return new Snapshot(count, total.getMean() * count / 1e9, total.getMaxValue() / 1e9, quantileSeconds);
    }

    /** One scrape's summary, in seconds: quantiles in the order 0.5, 0.99, 0.999, NaN before the first value. */
    record Snapshot(long count, double sumSeconds, double maxSeconds, double[] quantileSeconds) {

        /** The summary's samples: one per quantile, then {@code _sum} and {@code _count}, each with {@code labels}. */
        void writeTo(PrometheusText out, String name, String... labels) {
            String[] withQuantile = Arrays.copyOf(labels, labels.length + 2);
            withQuantile[labels.length] = "quantile";
            for (int i = 0; i < QUANTILE_LABELS.length; i++) {
                withQuantile[labels.length + 1] = QUANTILE_LABELS[i];
                out.sample(name, quantileSeconds[i], withQuantile);
            }
            out.sample(name + "_sum", sumSeconds, labels);
            out.sample(name + "_count", count, labels);
        }
    }
}
