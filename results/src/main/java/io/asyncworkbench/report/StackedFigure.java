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

/**
 * The engine behind every figure that compares series panel by panel over one x axis (time, or
 * users): the figure is declared as data ({@link PanelFigure}: panels of lines) and drawn here.
 * Each series of the run gets one colour across all panels; within a panel a second line of the
 * same series has its own style (e.g. accepted solid, finished dashed). The CSV beside it is long
 * format, {@code series,<x>,metric,value}, one row per plotted point, so its bytes depend only on
 * the run.
 */
final class StackedFigure {

    private StackedFigure() {
    }

    /**
     * Small multiples: the panels of {@code figure} drawn once for each series, one under the other
     * on the shared x axis, each naming its series; within a panel each line has its own colour.
     * For figures where overlaying every series would hide the effect in a tangle of lines.
     */
    static Figure drawPerSeries(Run run, PanelFigure figure) {
        FigureData data = FigureData.withColumns("series", figure.x().column, "metric", "value");
        Set<String> inLegend = new HashSet<>();
        List<XYPlot> plots = new ArrayList<>();
        for (String series : run.seriesIds()) {
            for (PanelFigure.Panel panel : figure.panels()) {
                LinePlot lines = new LinePlot(axis(panel.y(), panel.log()));
                for (int q = 0; q < panel.lines().size(); q++) {
                    PanelFigure.Line line = panel.lines().get(q);
                    Map<Double, Double> values = figure.values(run, series, line);
                    values.forEach((x, y) -> data.row(series, x, line.metric(), y));
                    lines.line(line.legend(), values, Charts.color(q), line.style().style, inLegend.add(line.legend()));
                }
                XYPlot plot = lines.build(null);
                reference(run, panel, plot);
                // The series names its panel inside it, top left: a y label that long would not fit beside it.
                TextTitle name = new TextTitle(run.meta().label(series), Charts.LABEL_FONT);
                name.setBackgroundPaint(new Color(255, 255, 255, 200));
                plot.addAnnotation(new XYTitleAnnotation(0.01, 0.97, name, RectangleAnchor.TOP_LEFT));
                plots.add(plot);
            }
        }
        return figure(run, figure, plots, data);
    }

    /** Every series in each panel of {@code figure}, one colour per series. */
    static Figure draw(Run run, PanelFigure figure) {
        FigureData data = FigureData.withColumns("series", figure.x().column, "metric", "value");
        Set<String> inLegend = new HashSet<>();
        List<XYPlot> plots = new ArrayList<>();
        for (PanelFigure.Panel panel : figure.panels()) {
            LinePlot lines = new LinePlot(axis(panel.y(), panel.log()));
            List<String> seriesIds = run.seriesIds();
            for (int i = 0; i < seriesIds.size(); i++) {
                String series = seriesIds.get(i);
                for (PanelFigure.Line line : panel.lines()) {
                    Map<Double, Double> values = figure.values(run, series, line);
                    values.forEach((x, y) -> data.row(series, x, line.metric(), y));
                    String legend = run.meta().label(series) + (panel.lines().size() > 1 ? ": " + line.legend() : "");
                    lines.line(legend, values, Charts.color(i), line.style().style, inLegend.add(legend));
                }
            }
            XYPlot plot = lines.build(null);
            reference(run, panel, plot);
            plots.add(plot);
        }
        return figure(run, figure, plots, data);
    }

    /** The panel's reference line, where it has one and the run gives it a value. */
    private static void reference(Run run, PanelFigure.Panel panel, XYPlot plot) {
        if (panel.reference() != null) {
            double y = panel.reference().value.applyAsDouble(run);
            if (!Double.isNaN(y)) {
                Charts.horizontalMarker(plot, y, panel.reference().label + " " + Numbers.whole(y));
            }
        }
    }

    private static Figure figure(Run run, PanelFigure figure, List<XYPlot> plots, FigureData data) {
        ValueAxis xAxis = axis(figure.x().label, figure.x().logarithmic);
        var chart = Charts.chart(figure.title(), Charts.stacked(xAxis, plots.toArray(XYPlot[]::new)));
        return new Figure(figure.name(), figure.caption(), chart, Figure.WIDTH_PX, figure.heightPx(run), data);
    }

    private static ValueAxis axis(String label, boolean logarithmic) {
        return logarithmic ? Charts.logAxis(label) : Charts.linearAxis(label);
    }
}
