package io.asyncworkbench.report;

import org.jfree.chart.JFreeChart;

/**
 * One figure of an experiment: the chart, the size to draw it at, a caption that says what to look
 * for (also the image's alt text), and the numbers behind it. {@code name} is the file name without
 * extension: the report writes {@code figures/<experiment>/<name>.png} and {@code <name>.csv}.
 */
record Figure(String name, String caption, JFreeChart chart, int widthPx, int heightPx, FigureData data) {

    /** The width every figure is drawn at: the width of a README on a wide screen, so text reads 1:1. */
    static final int WIDTH_PX = 900;

    Figure {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("figure name '" + name + "' is not a lowercase slug");
        }
    }
}
