package io.asyncworkbench.load;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The total of one load run spread over several generators (hosts): counts and rates added,
 * latency percentiles from the hosts' {@code --hlog} histograms added exactly (HdrHistogram's
 * {@code add}, never an average of percentiles), the busiest generator's CPU, every host's
 * warnings, and generator-limited if any host was.
 *
 * <pre>{@code
 * Summary total = SummaryMerge.merge(List.of("load-1", "load-2"), List.of(s1, s2), List.of(hlog1, hlog2));
 * }</pre>
 */
public final class SummaryMerge {

    private SummaryMerge() {
    }

    /** The three latency streams of a run, each the sum of every interval of its tag in the logs. */
    public record Histograms(Histogram corrected, Histogram uncorrected, Histogram sendLag) {

        /** Reads and adds the intervals of {@code hlogs}, as {@link IntervalReporter} tags them. */
        public static Histograms read(List<Path> hlogs) throws IOException {
            Histograms sum = new Histograms(newHistogram(), newHistogram(), newHistogram());
            for (Path hlog : hlogs) {
                try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
                    for (EncodableHistogram interval; (interval = reader.nextIntervalHistogram()) != null; ) {
                        sum.of(interval.getTag()).add((Histogram) interval);
                    }
                }
            }
            return sum;
        }

        private Histogram of(String tag) {
            if (tag == null || tag.isEmpty()) {
                return corrected;
            }
            return switch (tag) {
                case "uncorrected" -> uncorrected;
                case IntervalReporter.SEND_LAG_TAG -> sendLag;
                default -> throw new IllegalArgumentException("an interval tagged '" + tag + "' is not a load generator's");
            };
        }

        private static Histogram newHistogram() {
            return new Histogram(1, LoopStats.HIGHEST_NANOS, LoopStats.SIGNIFICANT_DIGITS);
        }
    }

    /**
     * The total of {@code summaries}, one per host (labelled {@code labels}), whose {@code --hlog}
     * files are {@code hlogs}; each host's warnings keep its label.
     */
    public static Summary merge(List<String> labels, List<Summary> summaries, List<Path> hlogs) throws IOException {
        Histograms latency = Histograms.read(hlogs);
        Summary first = summaries.getFirst();
        Map<String, Long> errors = new LinkedHashMap<>();
        Map<String, Long> statuses = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < summaries.size(); i++) {
            Summary s = summaries.get(i);
            s.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
            s.statuses().forEach((k, v) -> statuses.merge(k, v, Long::sum));
            String label = labels.get(i);
            s.warnings().forEach(w -> warnings.add(label + ": " + w));
        }
        Summary.Cpu busiest = summaries.stream().map(Summary::cpu)
                .max(Comparator.comparingDouble(c -> c.availableCpus() == 0 ? 0 : c.processPercent() / c.availableCpus())).orElseThrow();
        return new Summary(
                String.join(" ; ", summaries.stream().map(Summary::command).toList()),
                summaries.stream().map(Summary::startTime).min(Comparator.naturalOrder()).orElseThrow(),
                summaries.stream().map(Summary::endTime).max(Comparator.naturalOrder()).orElseThrow(),
                first.url(), first.method(), first.model() + " (x " + summaries.size() + " hosts)", first.transport(),
                sumInt(summaries, Summary::threads), sumInt(summaries, Summary::maxConnections),
                first.connectionClose(), first.clientClose(),
                first.targetRate() == null ? null : summaries.stream().mapToDouble(Summary::targetRate).sum(),
                first.warmupSeconds(), summaries.stream().mapToDouble(Summary::windowSeconds).max().orElse(0),
                sum(summaries, Summary::requests), sum(summaries, Summary::responses), sum(summaries, Summary::responses2xx),
                sum(summaries, Summary::errorCount), summaries.stream().mapToDouble(Summary::achievedRate).sum(),
                Summary.Latency.of(latency.corrected()), Summary.Latency.of(latency.uncorrected()), Summary.Latency.of(latency.sendLag()),
                sum(summaries, Summary::connectionsOpened), sum(summaries, Summary::peakOpenConnections), sum(summaries, Summary::idleHeld),
                errors, statuses,
                summaries.stream().map(Summary::otherErrorExample).filter(x -> x != null).findFirst().orElse(null),
                sum(summaries, Summary::skippedArrivals), busiest, warnings,
                summaries.stream().anyMatch(Summary::generatorLimited));
    }

    private static long sum(List<Summary> summaries, java.util.function.ToLongFunction<Summary> field) {
        return summaries.stream().mapToLong(field).sum();
    }

    private static int sumInt(List<Summary> summaries, java.util.function.ToIntFunction<Summary> field) {
        return summaries.stream().mapToInt(field).sum();
    }
}
