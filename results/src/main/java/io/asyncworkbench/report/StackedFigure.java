package io.asyncworkbench.report;

import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;

import java.awt.Color;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The engine behind every figure that compares series panel by panel over one x axis (time, or
 * users): a figure is described as data ({@link Spec}: panels of {@link Quantity}s) and drawn here.
 * Each series of the run gets one colour across all panels; within a panel a second quantity of
 * the same series is dashed (e.g. accepted solid, finished dashed). The CSV beside it is long
 * format, {@code series,<x>,metric,value}, one row per plotted point, so its bytes depend only on
 * the run.
 */
final class StackedFigure {

    /** How to get one quantity of one series out of a run, as x to y. */
    @FunctionalInterface
    interface Extractor {
        Map<Double, Double> values(Run run, String series);
    }

    /** One line per series: its CSV metric name, its legend suffix, its style, and its values. */
    record Quantity(String metric, String legend, LinePlot.Style style, Extractor extractor) {
    }

    /** A horizontal reference line, e.g. the fd limit; skipped when the run gives NaN. */
    record Reference(String label, ToDoubleFunction<Run> value) {
    }

    /** One panel: its y axis label (with unit), whether that axis is logarithmic, its quantities. */
    record Panel(String yLabel, boolean logarithmic, List<Quantity> quantities, Reference reference) {

        Panel(String yLabel, boolean logarithmic, List<Quantity> quantities) {
            this(yLabel, logarithmic, quantities, null);
        }
    }

    /** A whole figure: file name, title, the x axis (label, CSV column, log or not), size, panels, caption. */
    record Spec(String name, String title, String xLabel, String xColumn, boolean xLogarithmic, int heightPx,
                List<Panel> panels, String caption) {
    }

    private StackedFigure() {
    }

    /**
     * Small multiples: the panels of {@code spec} drawn once for each series, one under the other
     * on the shared x axis, each naming its series; within a panel each quantity has its own colour.
     * For figures where overlaying every series would hide the effect in a tangle of lines.
     */
    static Figure drawPerSeries(Run run, Spec spec) {
        FigureData data = FigureData.withColumns("series", spec.xColumn(), "metric", "value");
        Set<String> inLegend = new HashSet<>();
        List<XYPlot> plots = new ArrayList<>();
        for (String series : run.seriesIds()) {
            for (Panel panel : spec.panels()) {
                LinePlot lines = new LinePlot(axis(panel.yLabel(), panel.logarithmic()));
                for (int q = 0; q < panel.quantities().size(); q++) {
                    Quantity quantity = panel.quantities().get(q);
                    Map<Double, Double> values = new TreeMap<>(quantity.extractor().values(run, series));
                    values.forEach((x, y) -> data.row(series, x, quantity.metric(), y));
                    lines.line(quantity.legend(), values, Charts.color(q), quantity.style(), inLegend.add(quantity.legend()));
                }
                XYPlot plot = lines.build(null);
                // The series names its panel inside it, top left: a y label that long would not fit beside it.
                TextTitle name = new TextTitle(run.meta().label(series), Charts.LABEL_FONT);
                name.setBackgroundPaint(new Color(255, 255, 255, 200));
                plot.addAnnotation(new XYTitleAnnotation(0.01, 0.97, name, RectangleAnchor.TOP_LEFT));
                plots.add(plot);
            }
        }
        ValueAxis xAxis = axis(spec.xLabel(), spec.xLogarithmic());
        var chart = Charts.chart(spec.title(), Charts.stacked(xAxis, plots.toArray(XYPlot[]::new)));
        return new Figure(spec.name(), spec.caption(), chart, Figure.WIDTH_PX, spec.heightPx(), data);
    }

    static Figure draw(Run run, Spec spec) {
        FigureData data = FigureData.withColumns("series", spec.xColumn(), "metric", "value");
        Set<String> inLegend = new HashSet<>();
        List<XYPlot> plots = new ArrayList<>();
        for (Panel panel : spec.panels()) {
            LinePlot lines = new LinePlot(axis(panel.yLabel(), panel.logarithmic()));
            List<String> seriesIds = run.seriesIds();
            for (int i = 0; i < seriesIds.size(); i++) {
                String series = seriesIds.get(i);
                for (Quantity q : panel.quantities()) {
                    Map<Double, Double> values = new TreeMap<>(q.extractor().values(run, series));
                    values.forEach((x, y) -> data.row(series, x, q.metric(), y));
                    String legend = run.meta().label(series) + (panel.quantities().size() > 1 ? ": " + q.legend() : "");
                    lines.line(legend, values, Charts.color(i), q.style(), inLegend.add(legend));
                }
            }
            XYPlot plot = lines.build(null);
            if (panel.reference() != null) {
                double y = panel.reference().value().applyAsDouble(run);
                if (!Double.isNaN(y)) {
                    Charts.horizontalMarker(plot, y, panel.reference().label() + " " + Numbers.whole(y));
                }
            }
            plots.add(plot);
        }
        ValueAxis xAxis = axis(spec.xLabel(), spec.xLogarithmic());
        var chart = Charts.chart(spec.title(), Charts.stacked(xAxis, plots.toArray(XYPlot[]::new)));
        return new Figure(spec.name(), spec.caption(), chart, Figure.WIDTH_PX, spec.heightPx(), data);
    }

    private static ValueAxis axis(String label, boolean logarithmic) {
        return logarithmic ? Charts.logAxis(label) : Charts.linearAxis(label);
    }
}
