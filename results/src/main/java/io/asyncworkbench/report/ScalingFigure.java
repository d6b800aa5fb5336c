package io.asyncworkbench.report;

import io.asyncworkbench.run.Spread;

import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part 1's scaling claim, bars per thread count: our maximum sustainable rate (one bar per group
 * of series, e.g. Netty and Vert.x, when the experiment names groups) beside the published one (6k, 11k, 20k req/s for 1, 2, 4 threads) scaled to our single-thread figure. The
 * absolute numbers depend on the hardware; scaled, the published bars show the speed-up the blog
 * saw, so the eye compares shapes: did 2 threads give us the blog's 1.83x?
 *
 * <p>Worked example: ours 5,500 req/s at 1 thread; published 6,000 and 11,000; the scaled
 * published bar for 2 threads is 11,000 x 5,500 / 6,000 = 10,083 req/s.
 */
final class ScalingFigure {

    static final int HEIGHT_PX = 520;
    static final String METRIC = "max sustainable req/s";

    private static final Pattern THREADS_IN_ID = Pattern.compile("(\\d+)");

    private ScalingFigure() {
    }

    static List<Figure> of(Run run) {
        List<String> series = run.seriesIds().stream().filter(id -> threads(run, id) > 0).toList();
        if (series.isEmpty()) {
            return List.of();
        }
        // The published rates are scaled by the series the source published a figure for, fewest threads first.
        String baseline = series.stream().filter(id -> !Double.isNaN(ReproducedMetrics.published(run, id, METRIC)))
                .min(Comparator.comparingInt(id -> threads(run, id)))
                .orElse(series.stream().min(Comparator.comparingInt(id -> threads(run, id))).orElseThrow());
        double oursBase = run.sustainableRps(baseline).orElse(Double.NaN);
        double publishedBase = ReproducedMetrics.published(run, baseline, METRIC);
        int baseThreads = threads(run, baseline);

        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        FigureData data = FigureData.withColumns("series", "group", "threads", "reproduced_rps", "reproduced_min_rps",
                "reproduced_max_rps", "published_rps", "published_scaled_rps");
        String scaled = "published, scaled to our " + baseThreads + "-thread rate";
        Map<Integer, String> categories = new TreeMap<>();
        series.forEach(id -> categories.put(threads(run, id), threads(run, id) + (threads(run, id) == 1 ? " thread" : " threads")));
        // Every row of bars is added in every category (null where it has no bar), so each keeps its colour and place.
        for (String group : groups(run, series)) {
            String row = group.isEmpty() ? "reproduced: max sustainable rate" : group;
            categories.forEach((n, category) -> dataset.addValue(null, row, category));
        }
        categories.forEach((n, category) -> dataset.addValue(null, scaled, category));
        for (String id : series) {
            int threads = threads(run, id);
            String group = group(run, id);
            OptionalDouble sustainable = run.sustainableRps(id);
            double published = ReproducedMetrics.published(run, id, METRIC);
            double publishedScaled = published * oursBase / publishedBase;
            dataset.addValue(sustainable.isPresent() ? sustainable.getAsDouble() : null,
                    group.isEmpty() ? "reproduced: max sustainable rate" : group, categories.get(threads));
            if (!Double.isNaN(publishedScaled)) {
                dataset.addValue(publishedScaled, scaled, categories.get(threads));
            }
            Spread range = ReproducedMetrics.spread(run, id, METRIC);
            data.row(id, group, threads, sustainable.orElse(Double.NaN), range.min(), range.max(), published, publishedScaled);
        }

        BarRenderer bars = new BarRenderer();
        bars.setAutoPopulateSeriesPaint(false);
        for (int row = 0; row < dataset.getRowCount() - 1; row++) {
            bars.setSeriesPaint(row, Charts.color(row));
        }
        bars.setSeriesPaint(dataset.getRowCount() - 1, Charts.color(4));
        bars.setItemMargin(0.05);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
        bars.setDefaultItemLabelsVisible(true);
        CategoryPlot plot = new CategoryPlot(dataset, new CategoryAxis("event-loop threads"),
                Charts.linearAxis("max sustainable rate (req/s)"), bars);
        var chart = Charts.chart("Max sustainable rate against threads", plot);
        bars.setDefaultItemLabelFont(Charts.LABEL_FONT);
        String caption = "Maximum sustainable rate (p99 ≤ " + Numbers.millis(run.meta().p99BoundMillis())
                + " ms) for each thread count, beside the published rates scaled by our "
                + baseThreads + "-thread rate over the published one: equal bars mean the same speed-up as the blog."
                + " Each bar is the median of the repetitions; their range is in the data and the tables below.";
        return List.of(new Figure("threads", caption, chart, Figure.WIDTH_PX, HEIGHT_PX, data));
    }

    /** The groups of {@code series} in the order they first appear; "" stands for series without one. */
    private static List<String> groups(Run run, List<String> series) {
        return series.stream().map(id -> group(run, id)).distinct().toList();
    }

    private static String group(Run run, String seriesId) {
        String group = run.meta().seriesById(seriesId).group();
        return group == null ? "" : group;
    }

    /** The thread count of a series: its {@code --threads N} server argument, else the number in its id; 0 if none. */
    static int threads(Run run, String seriesId) {
        String flag = run.meta().seriesById(seriesId).serverArg("--threads");
        if (flag != null && flag.matches("\\d+")) {
            return Integer.parseInt(flag);
        }
        Matcher m = THREADS_IN_ID.matcher(seriesId);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
