package io.asyncworkbench.report;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A series' {@code <series>.hlog}: the load generator's 1-second interval histograms of corrected
 * latency in nanoseconds, each tagged with its step, read with HdrHistogram's own
 * {@link HistogramLogReader} and kept as the few numbers the figures plot.
 *
 * <p>The reader stops quietly at the first line it cannot decode, so the file's interval lines are
 * counted first: when the reader returns fewer, the first one it could not read is named by line
 * number. Times are seconds from the start of the first interval: warm-up is not recorded, so that
 * is when the first measured step began, the origin {@code server-metrics.csv} shares ({@code t_s}),
 * and client latency and server counters line up on one axis whatever start or base time the log
 * states. Intervals tagged {@code uncorrected} (latency from the actual send time, which the load
 * generator logs beside the corrected one) and {@code send-lag} (how late the generator sent) are
 * skipped: the figures show corrected latency.
 */
final class LatencyLog {

    /** One interval: its start and end (s), its step tag, its count and percentiles in milliseconds. */
    record Interval(double startSeconds, double endSeconds, String tag, long count, double p50Millis, double p99Millis,
                    double p999Millis, double maxMillis) {
    }

    private static final double NANOS_PER_MILLI = 1e6;
    /** The load generator's tags of what is not corrected latency: latency from the actual send time, and the send lag. */
    private static final List<String> OTHER_TAGS = List.of("uncorrected", "send-lag");

    private LatencyLog() {
    }

    /** Reads every interval of {@code file}. */
    static List<Interval> read(Path file) throws DamagedRunException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DamagedRunException(file, "missing");
        } catch (IOException e) {
            throw new DamagedRunException(file, "cannot be read (" + e.getMessage() + ")");
        }
        List<Integer> intervalLines = intervalLines(new String(bytes, StandardCharsets.UTF_8));
        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(bytes));
        List<Interval> intervals = new ArrayList<>(intervalLines.size());
        int decoded = 0;
        long originMs = 0;
        for (EncodableHistogram h = next(reader); h != null; h = next(reader), decoded++) {
            if (!(h instanceof Histogram histogram)) {
                throw new DamagedRunException(file, intervalLines.get(decoded),
                        "a DoubleHistogram where latency in nanoseconds (a Histogram) belongs");
            }
            if (decoded == 0) {
                originMs = h.getStartTimeStamp();
            }
            if (h.getTag() != null && OTHER_TAGS.stream().anyMatch(h.getTag()::endsWith)) {
                continue;
            }
            intervals.add(new Interval((h.getStartTimeStamp() - originMs) / 1000.0, (h.getEndTimeStamp() - originMs) / 1000.0,
                    h.getTag(), histogram.getTotalCount(), millis(histogram, 50), millis(histogram, 99),
                    millis(histogram, 99.9), histogram.getMaxValue() / NANOS_PER_MILLI));
        }
        if (decoded < intervalLines.size()) {
            throw new DamagedRunException(file, intervalLines.get(decoded), "not a readable interval");
        }
        if (intervals.isEmpty()) {
            throw new DamagedRunException(file, "no intervals of corrected latency");
        }
        return List.copyOf(intervals);
    }

    /**
     * The corrected-latency intervals of {@code file} added up per tag: one histogram of
     * nanoseconds per step ({@code step-N}), exact, as HdrHistogram adds histograms.
     */
    static Map<String, Histogram> totalsByTag(Path file) throws DamagedRunException {
        Map<String, Histogram> totals = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            for (EncodableHistogram h = next(reader); h != null; h = next(reader)) {
                if (h instanceof Histogram histogram && h.getTag() != null && OTHER_TAGS.stream().noneMatch(h.getTag()::endsWith)) {
                    totals.computeIfAbsent(h.getTag(), tag -> new Histogram(histogram.getNumberOfSignificantValueDigits()))
                            .add(histogram);
                }
            }
        } catch (NoSuchFileException e) {
            throw new DamagedRunException(file, "missing");
        } catch (IOException e) {
            throw new DamagedRunException(file, "cannot be read (" + e.getMessage() + ")");
        }
        return totals;
    }

    private static EncodableHistogram next(HistogramLogReader reader) {
        try {
            return reader.nextIntervalHistogram();
        } catch (RuntimeException e) {
            return null; // e.g. a base64 payload that decodes to nonsense: counted as unreadable below
        }
    }

    /** Line numbers (1-based) of the lines that hold intervals: not comments, not the legend, not blank. */
    private static List<Integer> intervalLines(String text) {
        List<Integer> lines = new ArrayList<>();
        String[] all = text.split("\r?\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i].strip();
            if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith("\"StartTimestamp\"")) {
                lines.add(i + 1);
            }
        }
        return lines;
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN
                : histogram.getValueAtPercentile(percentile) / NANOS_PER_MILLI;
    }
}
