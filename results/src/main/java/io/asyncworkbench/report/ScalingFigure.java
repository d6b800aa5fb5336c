package io.asyncworkbench.report;

import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part 1's scaling claim, one bar pair per thread count: our maximum sustainable rate beside the
 * published one (6k, 11k, 20k req/s for 1, 2, 4 threads) scaled to our single-thread figure. The
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
        String baseline = series.stream().min((a, b) -> Integer.compare(threads(run, a), threads(run, b))).orElseThrow();
        double oursBase = run.sustainableRps(baseline).orElse(Double.NaN);
        double publishedBase = ReproducedMetrics.published(run, baseline, METRIC);
        int baseThreads = threads(run, baseline);

        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        FigureData data = FigureData.withColumns("series", "threads", "reproduced_rps", "published_rps",
                "published_scaled_rps");
        String ours = "reproduced: max sustainable rate";
        String scaled = "published, scaled to our " + baseThreads + "-thread rate";
        for (String id : series) {
            int threads = threads(run, id);
            String category = threads + (threads == 1 ? " thread" : " threads");
            OptionalDouble sustainable = run.sustainableRps(id);
            double published = ReproducedMetrics.published(run, id, METRIC);
            double publishedScaled = published * oursBase / publishedBase;
            dataset.addValue(sustainable.isPresent() ? sustainable.getAsDouble() : null, ours, category);
            dataset.addValue(Double.isNaN(publishedScaled) ? null : publishedScaled, scaled, category);
            data.row(id, threads, sustainable.orElse(Double.NaN), published, publishedScaled);
        }

        BarRenderer bars = new BarRenderer();
        bars.setAutoPopulateSeriesPaint(false);
        bars.setSeriesPaint(0, Charts.color(0));
        bars.setSeriesPaint(1, Charts.color(4));
        bars.setItemMargin(0.05);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
        bars.setDefaultItemLabelsVisible(true);
        CategoryPlot plot = new CategoryPlot(dataset, new CategoryAxis("event-loop threads, each with its own SO_REUSEPORT socket"),
                Charts.linearAxis("max sustainable rate (req/s)"), bars);
        var chart = Charts.chart("Max sustainable rate against threads", plot);
        bars.setDefaultItemLabelFont(Charts.LABEL_FONT);
        String caption = "Maximum sustainable rate (p99 ≤ " + Numbers.millis(run.meta().p99BoundMillis())
                + " ms) for each thread count, beside the published rates scaled by our "
                + baseThreads + "-thread rate over the published one: equal bars mean the same speed-up as the blog.";
        return List.of(new Figure("threads", caption, chart, Figure.WIDTH_PX, HEIGHT_PX, data));
    }

    /** The thread count of a series: its {@code --threads N} server argument, else the number in its id; 0 if none. */
    static int threads(Run run, String seriesId) {
        RunMeta.Series series = run.meta().series().stream().filter(s -> s.id().equals(seriesId)).findFirst().orElseThrow();
        List<String> args = series.serverArgs() == null ? List.of() : new ArrayList<>(series.serverArgs());
        int flag = args.indexOf("--threads");
        if (flag >= 0 && flag + 1 < args.size() && args.get(flag + 1).matches("\\d+")) {
            return Integer.parseInt(args.get(flag + 1));
        }
        Matcher m = THREADS_IN_ID.matcher(seriesId);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
