package io.asyncworkbench.report;

import io.asyncworkbench.run.RunMeta;
import com.fasterxml.jackson.databind.JsonNode;
import io.asyncworkbench.run.Spread;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our value of a published metric, computed from the run. The metric names are the vocabulary
 * {@code meta.json}'s {@code published} and {@code ratios} entries use:
 * <ul>
 *   <li>{@code max sustainable req/s}: {@link SustainableRate} over the series' open-model steps;</li>
 *   <li>{@code peak req/s}: the highest achieved rate of any step;</li>
 *   <li>{@code req/s at N users}, {@code p50 ms at N users}, {@code p99 ms at N users},
 *       {@code error rate % at N users}: the closed-model step with N users;</li>
 *   <li>{@code mean server CPU %}: CPU seconds over wall seconds across the series' samples;</li>
 *   <li>{@code accept errors}: the server's accept errors at the last sample;</li>
 *   <li>{@code reconnect succeeded}: the step run last got responses and no errors (1 yes, 0 no);</li>
 *   <li>{@code connections made}: connections the generator opened in all steps (a repetition's);</li>
 *   <li>{@code connections before EADDRNOTAVAIL}: those opened, step by step, up to and
 *       including the first step that saw EADDRNOTAVAIL (the ports ran out during it).</li>
 * </ul>
 * Any other name gives NaN, shown as "not computed", so a new metric in a run never breaks the report.
 */
final class ReproducedMetrics {

    private static final Pattern AT_USERS = Pattern.compile("(req/s|p50 ms|p99 ms|error rate %) at (\\d+) users");

    private ReproducedMetrics() {
    }

    /** The metrics {@link #value} computes by name, besides the per-users ones ({@code req/s at N users}, ...). */
    private static final Map<String, BiFunction<Run, String, Double>> NAMED = Map.of(
            "max sustainable req/s", (run, series) -> run.sustainableRps(series).orElse(Double.NaN),
            "peak req/s", (run, series) -> run.steps(series).stream().mapToDouble(Step::achievedRps)
                    .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN),
            "mean server CPU %", (run, series) -> meanCpuPct(run.metrics().total(series, "process_cpu_seconds_total")),
            "accept errors", (run, series) -> lastOrNaN(run.metrics().total(series, "server_accept_errors_total")),
            "reconnect succeeded", (run, series) -> reconnected(run.steps(series)),
            "connections made", (run, series) -> sum(run.steps(series), "connections_opened"),
            "connections before EADDRNOTAVAIL", (run, series) -> connectionsBeforeNoPort(run.steps(series)));

    /** Whether {@link #value} knows {@code metric}: else a report shows "not computed" for it. */
    static boolean knows(String metric) {
        return NAMED.containsKey(metric) || AT_USERS.matcher(metric).matches();
    }

    /** Our value of {@code metric} for {@code series}; NaN when the run has none or the metric is unknown. */
    static double value(Run run, String series, String metric) {
        Matcher atUsers = AT_USERS.matcher(metric);
        if (atUsers.matches()) {
            double users = Double.parseDouble(atUsers.group(2));
            return run.steps(series).stream().filter(s -> s.model().equals("closed") && s.users() == users).findFirst()
                    .map(s -> switch (atUsers.group(1)) {
                        case "req/s" -> s.achievedRps();
                        case "p50 ms" -> s.value("p50_ms");
                        case "p99 ms" -> s.p99Millis();
                        default -> s.errorRatePct();
                    }).orElse(Double.NaN);
        }
        BiFunction<Run, String, Double> named = NAMED.get(metric);
        return named == null ? Double.NaN : named.apply(run, series);
    }

    /**
     * Our value of {@code metric} for {@code series} with its range: the value from the steps'
     * medians, and the values each repetition gives alone.
     */
    static Spread spread(Run run, String series, String metric) {
        return Spread.around(value(run, series, metric),
                run.repetitions().stream().mapToDouble(r -> value(run.repetition(r), series, metric)).toArray());
    }

    /** The number {@code meta.json} publishes for {@code series} and {@code metric}; NaN when none (or text). */
    static double published(Run run, String series, String metric) {
        return run.meta().publishedOrEmpty().stream()
                .filter(p -> series.equals(p.series()) && metric.equals(p.metric()))
                .map(RunMeta.Published::value).filter(v -> v != null && v.isNumber())
                .mapToDouble(JsonNode::asDouble).findFirst().orElse(Double.NaN);
    }

    /** Our value of {@code metric} for {@code series} with its range, written for the comparison table. */
    static String describe(Run run, String series, String metric) {
        Spread spread = spread(run, series, metric);
        if (Double.isNaN(spread.median()) && metric.equals("connections before EADDRNOTAVAIL")) {
            return "never ran out (" + Numbers.whole(value(run, series, "connections made")) + " made)";
        }
        return Double.isNaN(spread.median()) ? "not computed" : Numbers.headline(spread, v -> format(metric, v));
    }

    /** {@code value} written the way its metric is measured: a rate, milliseconds, a percentage, yes/no. */
    static String format(String metric, double value) {
        if (Double.isNaN(value)) {
            return Numbers.NONE;
        }
        if (metric.equals("reconnect succeeded")) {
            return value == 1 ? "yes" : "no";
        }
        if (metric.contains("%")) {
            return Numbers.percent(value);
        }
        return metric.contains(" ms") ? Numbers.millis(value) : Numbers.whole(value);
    }

    private static double meanCpuPct(NavigableMap<Double, Double> cpuSeconds) {
        if (cpuSeconds.size() < 2) {
            return Double.NaN;
        }
        double wall = cpuSeconds.lastKey() - cpuSeconds.firstKey();
        return 100 * (cpuSeconds.lastEntry().getValue() - cpuSeconds.firstEntry().getValue()) / wall;
    }

    /** The step run last got responses and no errors: 1 yes, 0 no. */
    private static double reconnected(List<Step> steps) {
        Step last = steps.stream().max(java.util.Comparator.comparingInt(Step::step)).orElse(null);
        return last == null ? Double.NaN : last.value("requests") > 0 && last.value("errors") == 0 ? 1 : 0;
    }

    private static double lastOrNaN(NavigableMap<Double, Double> values) {
        return values.isEmpty() ? Double.NaN : values.lastEntry().getValue();
    }

    private static double sum(List<Step> steps, String column) {
        return steps.stream().mapToDouble(s -> s.value(column)).filter(v -> !Double.isNaN(v)).sum();
    }

    private static double connectionsBeforeNoPort(List<Step> steps) {
        double made = 0;
        for (Step s : steps) {
            made += Double.isNaN(s.value("connections_opened")) ? 0 : s.value("connections_opened");
            if (s.value("err_no_ephemeral_port") > 0) {
                return made;
            }
        }
        return Double.NaN;
    }
}
