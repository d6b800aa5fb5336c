package io.asyncworkbench.report;

import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One panel of lines over a shared x axis, built line by line:
 * <pre>
 * XYPlot latency = new LinePlot(Charts.logAxis("latency (ms, log scale)"))
 *         .line("p99", p99ByOfferedRps, Charts.color(1), Style.SOLID)
 *         .build();
 * </pre>
 * Points with a NaN value are left out, and so are values &le; 0 on a logarithmic axis (they have
 * no place on it); a line with the same legend as one already shown elsewhere in the figure can be
 * kept out of the legend, so stacked panels show each series once.
 */
final class LinePlot {

    /** How a line is drawn. */
    enum Style {
        /** Solid, with a dot at each point: measured steps (the median of their repetitions). */
        SOLID_POINTS(new BasicStroke(2.2f), true, true, 8),
        /** Solid, no dots: dense time series. */
        SOLID(new BasicStroke(2.2f), false, true, 8),
        /** Dashed, no dots: the second quantity of a series, or a reference line. */
        DASHED(new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f), false, true, 8),
        /** Small dots, no line: every repetition of a step, around its median. */
        DOTS(new BasicStroke(1f), true, false, 4);

        private final BasicStroke stroke;
        private final boolean points;
        private final boolean lines;
        private final double dotPx;

        Style(BasicStroke stroke, boolean points, boolean lines, double dotPx) {
            this.stroke = stroke;
            this.points = points;
            this.lines = lines;
            this.dotPx = dotPx;
        }
    }

    private final ValueAxis yAxis;
    private final XYSeriesCollection dataset = new XYSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    private final Map<Integer, String> legends = new HashMap<>();

    LinePlot(ValueAxis yAxis) {
        this.yAxis = yAxis;
        // Our colours, strokes and shapes stay: the chart theme replaces auto-populated ones.
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setAutoPopulateSeriesShape(false);
    }

    /** Adds a line through {@code points} (x to y; drawn in x order), shown in the legend. */
    LinePlot line(String legend, Map<Double, Double> points, Color color, Style style) {
        return line(legend, points, color, style, true);
    }

    /** Adds a line; {@code inLegend} false keeps a second appearance of a series out of the legend. */
    LinePlot line(String legend, Map<Double, Double> points, Color color, Style style, boolean inLegend) {
        List<double[]> xy = new ArrayList<>();
        new TreeMap<>(points).forEach((x, y) -> xy.add(new double[] {x, y}));
        return add(legend, xy, color, style, inLegend);
    }

    /** Adds dots at {@code points} ({x, y} pairs; an x may repeat), e.g. every repetition of each step. */
    LinePlot dots(String legend, List<double[]> points, Color color, boolean inLegend) {
        return add(legend, points, color, Style.DOTS, inLegend);
    }

    private LinePlot add(String legend, List<double[]> points, Color color, Style style, boolean inLegend) {
        boolean logarithmic = yAxis instanceof LogAxis;
        XYSeries series = new XYSeries(legend + "#" + dataset.getSeriesCount(), false, true);
        for (double[] p : points) {
            if (!Double.isNaN(p[1]) && !(logarithmic && p[1] <= 0)) {
                series.add(p[0], p[1]);
            }
        }
        int index = dataset.getSeriesCount();
        dataset.addSeries(series);
        renderer.setSeriesPaint(index, color);
        renderer.setSeriesStroke(index, style.stroke);
        renderer.setSeriesShapesVisible(index, style.points);
        renderer.setSeriesLinesVisible(index, style.lines);
        renderer.setSeriesShape(index, new Ellipse2D.Double(-style.dotPx / 2, -style.dotPx / 2, style.dotPx, style.dotPx));
        renderer.setSeriesVisibleInLegend(index, inLegend);
        legends.put(index, legend);
        return this;
    }

    /** The panel, for a figure of its own ({@code xAxis} given) or for stacking ({@code xAxis} null). */
    XYPlot build(ValueAxis xAxis) {
        renderer.setLegendItemLabelGenerator((data, series) -> legends.get(series));
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setDomainPannable(false);
        return plot;
    }
}
