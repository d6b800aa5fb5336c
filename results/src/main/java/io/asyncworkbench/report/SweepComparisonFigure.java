package io.asyncworkbench.report;

import org.jfree.chart.plot.XYPlot;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Every series of a rate sweep in one figure, so implementations can be compared by eye (Netty
 * against Vert.x, inline against offload): against the offered rate, each series' achieved rate
 * above and its p99 latency below (log scale), one colour per series, with the p99 bound. The
 * per-series figures ({@link RateSweepFigure}) keep the detail; this one keeps the comparison.
 * Drawn only when at least two series have open-model steps.
 */
final class SweepComparisonFigure {

    static final int HEIGHT_PX = 640;

    private SweepComparisonFigure() {
    }

    static List<Figure> of(Run run) {
        List<String> series = run.seriesIds().stream().filter(id -> !RateSweepFigure.openSteps(run, id).isEmpty()).toList();
        if (series.size() < 2) {
            return List.of();
        }
        double bound = run.meta().p99BoundMillis();
        FigureData data = FigureData.withColumns("series", "offered_rps", "achieved_rps", "p99_ms");
        LinePlot rates = new LinePlot(Charts.linearAxis("achieved rate (req/s)"));
        LinePlot latency = new LinePlot(Charts.logAxis("p99 latency (ms, log scale)"));
        StringBuilder knees = new StringBuilder();
        double maxOffered = 0;
        for (int i = 0; i < series.size(); i++) {
            String id = series.get(i);
            Map<Double, Double> achieved = new TreeMap<>();
            Map<Double, Double> p99 = new TreeMap<>();
            for (Step s : RateSweepFigure.openSteps(run, id)) {
                achieved.put(s.offeredRps(), s.achievedRps());
                p99.put(s.offeredRps(), s.p99Millis());
                data.row(id, s.offeredRps(), s.achievedRps(), s.p99Millis());
                maxOffered = Math.max(maxOffered, s.offeredRps());
            }
            String label = run.meta().label(id);
            Color color = Charts.color(i);
            rates.line(label, achieved, color, LinePlot.Style.SOLID_POINTS);
            latency.line(label, p99, color, LinePlot.Style.SOLID_POINTS, false);
            OptionalDouble knee = run.sustainableRps(id);
            knees.append(knees.isEmpty() ? "" : "; ").append(label).append(" ")
                    .append(knee.isPresent() ? Numbers.whole(knee.getAsDouble()) + " req/s" : "none");
        }
        rates.line("achieved = offered", RateSweepFigure.diagonal(maxOffered), Color.GRAY, LinePlot.Style.DASHED);
        XYPlot latencyPlot = latency.build(null);
        Charts.horizontalMarker(latencyPlot, bound, "p99 bound " + Numbers.millis(bound) + " ms");
        var chart = Charts.chart("Every series: achieved rate and p99 against the offered rate",
                Charts.stacked(Charts.linearAxis("offered rate (req/s)"), rates.build(null), latencyPlot));
        String caption = "All series of the sweep on one pair of axes: achieved rate (top) and p99 latency (bottom,"
                + " log scale, bound " + Numbers.millis(bound) + " ms) against the offered rate. Maximum sustainable rates: "
                + knees + ".";
        return List.of(new Figure("sweep-compared", caption, chart, Figure.WIDTH_PX, HEIGHT_PX, data));
    }
}
