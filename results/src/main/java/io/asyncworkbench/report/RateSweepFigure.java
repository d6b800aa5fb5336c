package io.asyncworkbench.report;

import io.asyncworkbench.run.SustainableRate;
import org.jfree.chart.plot.XYPlot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The blog's Part 1 graph for one series of a rate sweep: against the offered rate, the achieved
 * rate above (on the diagonal while the server keeps up) and p50, p99 and p99.9 latency below
 * (log scale), with the knee marked: the maximum sustainable rate ({@link SustainableRate}) as a
 * vertical line through both panels and the p99 bound as a horizontal one. One figure per series,
 * {@code sweep-<series>.png}, like the blog's 1-, 2- and 4-threaded graphs.
 */
final class RateSweepFigure {

    static final int HEIGHT_PX = 640;

    private RateSweepFigure() {
    }

    /** A sweep figure for every series of {@code run} that has open-model steps. */
    static List<Figure> of(Run run) {
        List<Figure> figures = new ArrayList<>();
        for (String series : run.seriesIds()) {
            List<Step> steps = openSteps(run, series);
            if (!steps.isEmpty()) {
                figures.add(sweep(run, series, steps));
            }
        }
        return figures;
    }

    private static Figure sweep(Run run, String series, List<Step> steps) {
        double bound = run.meta().p99BoundMillis();
        OptionalDouble knee = run.sustainableRps(series);
        String label = run.meta().label(series);

        // The numbers, by offered rate.
        Map<Double, Double> achieved = new TreeMap<>();
        Map<Double, Double> p50 = new TreeMap<>();
        Map<Double, Double> p99 = new TreeMap<>();
        Map<Double, Double> p999 = new TreeMap<>();
        FigureData data = FigureData.withColumns("series", "offered_rps", "achieved_rps", "p50_ms", "p99_ms",
                "p999_ms", "sustained", "generator_limited");
        List<String> limited = new ArrayList<>();
        double maxOffered = 0;
        for (Step s : steps) {
            double offered = s.offeredRps();
            maxOffered = Math.max(maxOffered, offered);
            achieved.put(offered, s.achievedRps());
            p50.put(offered, s.value("p50_ms"));
            p99.put(offered, s.p99Millis());
            p999.put(offered, s.value("p999_ms"));
            boolean sustained = SustainableRate.sustains(
                    new SustainableRate.Point(offered, s.achievedRps(), s.p99Millis()), bound);
            data.row(series, offered, s.achievedRps(), s.value("p50_ms"), s.p99Millis(), s.value("p999_ms"),
                    sustained, s.generatorLimited());
            if (s.generatorLimited()) {
                limited.add(Numbers.whole(offered));
            }
        }

        // Every repetition as a dot beside the medians' lines.
        List<double[]> achievedReps = new ArrayList<>();
        List<double[]> p99Reps = new ArrayList<>();
        for (Step s : steps) {
            for (Step rep : run.repetitionsOf(s)) {
                achievedReps.add(new double[] {s.offeredRps(), rep.achievedRps()});
                p99Reps.add(new double[] {s.offeredRps(), rep.p99Millis()});
            }
        }

        // Rates above, latency below, over one offered-rate axis.
        XYPlot rates = new LinePlot(Charts.linearAxis("rate (req/s)"))
                .line("achieved rate (median)", achieved, Charts.color(0), LinePlot.Style.SOLID_POINTS)
                .dots("each repetition", achievedReps, Charts.color(0), true)
                .line("achieved = offered", diagonal(maxOffered), Color.GRAY, LinePlot.Style.DASHED)
                .build(null);
        XYPlot latency = new LinePlot(Charts.logAxis("latency (ms, log scale)"))
                .line("p50", p50, Charts.color(2), LinePlot.Style.SOLID_POINTS)
                .line("p99", p99, Charts.color(1), LinePlot.Style.SOLID_POINTS)
                .dots("p99, each repetition", p99Reps, Charts.color(1), true)
                .line("p99.9", p999, Charts.color(3), LinePlot.Style.SOLID_POINTS)
                .build(null);
        Charts.horizontalMarker(latency, bound, "p99 bound " + Numbers.millis(bound) + " ms");
        String kneeText;
        if (knee.isPresent()) {
            kneeText = "max sustainable " + Numbers.whole(knee.getAsDouble()) + " req/s";
            Charts.verticalMarker(rates, knee.getAsDouble(), kneeText);
            Charts.verticalMarker(latency, knee.getAsDouble(), null);
        } else {
            kneeText = "no step sustained";
        }
        String title = label + ": rate sweep (" + kneeText + ")";
        var chart = Charts.chart(title, Charts.stacked(Charts.linearAxis("offered rate (req/s)"), rates, latency));

        String caption = label + ": achieved rate and p50/p99/p99.9 latency against the offered rate, the median of each"
                + " step's repetitions, with every repetition as a small dot. "
                + (knee.isPresent()
                    ? "The dashed vertical line is the maximum sustainable rate, the highest step whose median achieved ≥ 99%"
                        + " of offered with p99 ≤ " + Numbers.millis(bound) + " ms: "
                        + Numbers.headline(ReproducedMetrics.spread(run, series, "max sustainable req/s"), Numbers::whole) + " req/s"
                        + " (the range: each repetition alone)."
                    : "No step kept achieved ≥ 99% of offered with p99 ≤ " + Numbers.millis(bound) + " ms.")
                + (limited.isEmpty() ? "" : " The generator was the limit at " + String.join(", ", limited) + " req/s.");
        return new Figure("sweep-" + series, caption, chart, Figure.WIDTH_PX, HEIGHT_PX, data);
    }

    /** The line achieved = offered, from 0 to {@code maxRps}. */
    static Map<Double, Double> diagonal(double maxRps) {
        Map<Double, Double> line = new TreeMap<>();
        line.put(0.0, 0.0);
        line.put(maxRps, maxRps);
        return line;
    }

    /** The open-model steps of {@code series} that have an offered rate. */
    static List<Step> openSteps(Run run, String series) {
        return run.steps(series).stream()
                .filter(s -> s.model().equals("open") && !Double.isNaN(s.offeredRps()))
                .toList();
    }
}
