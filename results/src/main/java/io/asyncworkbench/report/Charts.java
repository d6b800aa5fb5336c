package io.asyncworkbench.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * The look every figure shares, and the one way they are drawn to PNG. Drawn headless (set before
 * any AWT class loads, so no display is needed), on white, with the JDK's logical sans-serif font
 * at sizes that read at 900 px, grayscale text anti-aliasing (sub-pixel text would depend on the
 * screen) and the Okabe-Ito colours, which stay apart for colour-blind readers. With the same fonts
 * and JDK the same chart gives the same PNG bytes: ImageIO writes no time stamp.
 */
final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Okabe-Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue, yellow, black. */
    static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0xF0E442), Color.BLACK,
    };

    private static final String FAMILY = Font.SANS_SERIF;
    /** Text drawn inside a plot: marker and bar labels. */
    static final Font LABEL_FONT = new Font(FAMILY, Font.PLAIN, 13);
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 220);
    private static final StandardChartTheme THEME = theme();

    private Charts() {
    }

    /** Colour number {@code i} of the palette, wrapping around. */
    static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** A linear axis starting at zero, labelled with its quantity and unit, e.g. "offered rate (req/s)". */
    static NumberAxis linearAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(true);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        return axis;
    }

    /** A base-10 logarithmic axis for values spanning decades (latency, users): ticks at 1, 10, 100, ... */
    static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setSmallestValue(1e-3);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setMinorTickCount(9);
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        return axis;
    }

    /** Subplots stacked over one shared x axis, heights in proportion to their weights. */
    static CombinedDomainXYPlot stacked(ValueAxis xAxis, XYPlot... plots) {
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(xAxis);
        combined.setGap(14);
        for (XYPlot plot : plots) {
            combined.add(plot, 1);
        }
        return combined;
    }

    /** A vertical line at {@code x} with a label at its top, e.g. the knee of a rate sweep. */
    static ValueMarker verticalMarker(XYPlot plot, double x, String label) {
        return marker(plot, x, label, true);
    }

    /** A horizontal line at {@code y} with a label under its right end, e.g. the p99 bound. */
    static ValueMarker horizontalMarker(XYPlot plot, double y, String label) {
        return marker(plot, y, label, false);
    }

    private static ValueMarker marker(XYPlot plot, double value, String label, boolean vertical) {
        ValueMarker marker = new ValueMarker(value, Color.DARK_GRAY,
                new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        marker.setLabel(label);
        marker.setLabelFont(LABEL_FONT);
        marker.setLabelPaint(Color.DARK_GRAY);
        marker.setLabelOffset(new RectangleInsets(4, 6, 4, 6));
        marker.setLabelBackgroundColor(LABEL_BACKGROUND);
        if (vertical) {
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addDomainMarker(marker, Layer.FOREGROUND);
        } else {
            marker.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addRangeMarker(marker, Layer.FOREGROUND);
        }
        return marker;
    }

    /** A chart with the shared look: title, the plot, the legend below. */
    static JFreeChart chart(String title, Plot plot) {
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        THEME.apply(chart);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(BlockBorder.NONE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return chart;
    }

    /** The figure drawn to PNG bytes at its size. */
    static byte[] png(Figure figure) {
        BufferedImage image = new BufferedImage(figure.widthPx(), figure.heightPx(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            figure.chart().draw(g2, new Rectangle2D.Double(0, 0, figure.widthPx(), figure.heightPx()));
        } finally {
            g2.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static StandardChartTheme theme() {
        StandardChartTheme theme = new StandardChartTheme("workbench", false);
        theme.setExtraLargeFont(new Font(FAMILY, Font.BOLD, 19));
        theme.setLargeFont(new Font(FAMILY, Font.PLAIN, 15));
        theme.setRegularFont(new Font(FAMILY, Font.PLAIN, 14));
        theme.setSmallFont(new Font(FAMILY, Font.PLAIN, 12));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setPlotOutlinePaint(Color.GRAY);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setAxisLabelPaint(Color.BLACK);
        theme.setTickLabelPaint(Color.BLACK);
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        return theme;
    }
}
