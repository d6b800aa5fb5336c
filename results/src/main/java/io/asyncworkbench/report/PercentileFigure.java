package io.asyncworkbench.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Latency by percentile, as HdrHistogram's own plotter draws a {@code .hlog}: for a few offered
 * rates around the knee of a rate sweep, the corrected latency against the percentile on a
 * 1/(1-p) axis (90%, 99%, 99.9%, ... evenly spaced), one line per rate. Each line is the exact sum
 * of the step's histograms over its repetitions, so the tail is the whole tail, not a median of
 * percentiles. One figure per series, {@code percentiles-<series>.png}, drawn where the run kept
 * the series' {@code .hlog}.
 */
final class PercentileFigure {

    static final int HEIGHT_PX = 520;
    /** The deepest percentile drawn: 1 - 1e-5, past which a few thousand requests a step hold no information. */
    private static final double DEEPEST = 99.999;
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private PercentileFigure() {
    }

    /** A percentile figure for every series of {@code run} that has a searched or swept knee and its .hlog. */
    static List<Figure> of(Run run) {
        List<Figure> figures = new ArrayList<>();
        for (String series : run.seriesIds()) {
            Path log = run.dir().resolve(series + ".hlog");
            List<Step> steps = RateSweepFigure.openSteps(run, series);
            if (steps.size() >= 2 && Files.isRegularFile(log)) {
                try {
                    figures.add(figure(run, series, steps, LatencyLog.totalsByTag(log)));
                } catch (DamagedRunException e) {
                    // Run.load already read the log whole; a log that changed since shows no figure.
                }
            }
        }
        return figures;
    }

    private static Figure figure(Run run, String series, List<Step> steps, Map<String, Histogram> byTag) {
        OptionalDouble knee = run.sustainableRps(series);
        List<Step> chosen = aroundTheKnee(steps, knee);
        FigureData data = FigureData.withColumns("series", "offered_rps", "percentile", "latency_ms", "requests");
        LinePlot plot = new LinePlot(Charts.logAxis("latency (ms, log scale)"));
        for (int i = 0; i < chosen.size(); i++) {
            Step step = chosen.get(i);
            Histogram total = new Histogram(3);
            for (Step rep : run.repetitionsOf(step)) {
                Histogram h = byTag.get("step-" + rep.step());
                if (h != null) {
                    total.add(h);
                }
            }
            if (total.getTotalCount() == 0) {
                continue;
            }
            Map<Double, Double> line = new TreeMap<>();
            for (HistogramIterationValue v : total.percentiles(TICKS_PER_HALF_DISTANCE)) {
                double percentile = Math.min(v.getPercentileLevelIteratedTo(), DEEPEST);
                double millis = v.getValueIteratedTo() / 1e6;
                line.put(1 / (1 - percentile / 100), millis);
                data.row(series, step.offeredRps(), percentile, millis, total.getTotalCount());
                if (percentile >= DEEPEST) {
                    break;
                }
            }
            boolean isKnee = knee.isPresent() && step.offeredRps() == knee.getAsDouble();
            plot.line(Numbers.whole(step.offeredRps()) + " req/s" + (isKnee ? " (max sustainable)" : ""), line, Charts.color(i),
                    isKnee ? LinePlot.Style.SOLID_POINTS : LinePlot.Style.SOLID);
        }
        XYPlot xy = plot.build(percentileAxis());
        Charts.horizontalMarker(xy, run.meta().p99BoundMillis(), "p99 bound " + Numbers.millis(run.meta().p99BoundMillis()) + " ms");
        String label = run.meta().label(series);
        String caption = label + ": corrected latency by percentile at the offered rates around the maximum sustainable one,"
                + " each line the exact sum of the step's histograms over its repetitions (from the series' .hlog). The x axis"
                + " spaces 90%, 99%, 99.9% evenly (1/(1-p)), as HdrHistogram's plotter does. Look for: below the knee the"
                + " lines stay low into the tail; past it the whole distribution rises, the queue's wait added to every"
                + " request. A repetition that stalled shows here even where the median of the repetitions' p99s, the"
                + " knee's test, passed.";
        return new Figure("percentiles-" + series, caption,
                Charts.chart(label + ": latency by percentile", xy), Figure.WIDTH_PX, HEIGHT_PX, data);
    }

    /**
     * Up to four steps: the knee's, the two sustained rates below it, the first rate above it; with
     * no knee, the four lowest rates.
     */
    static List<Step> aroundTheKnee(List<Step> steps, OptionalDouble knee) {
        if (knee.isEmpty()) {
            return steps.subList(0, Math.min(4, steps.size()));
        }
        int at = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).offeredRps() <= knee.getAsDouble()) {
                at = i;
            }
        }
        return steps.subList(Math.max(0, at - 2), Math.min(steps.size(), at + 2));
    }

    /** 1/(1-p) on a log scale, labelled as the percentile: 10 is 90%, 100 is 99%, 1,000 is 99.9%. */
    private static LogAxis percentileAxis() {
        LogAxis axis = Charts.logAxis("percentile (1/(1-p) scale)");
        axis.setSmallestValue(1);
        axis.setNumberFormatOverride(new NumberFormat() {
            @Override
            public StringBuffer format(double inverse, StringBuffer to, FieldPosition pos) {
                double percentile = 100 * (1 - 1 / inverse);
                String text = String.format(Locale.ROOT, "%.5f", percentile).replaceAll("0+$", "").replaceAll("\\.$", "");
                return to.append(text).append('%');
            }

            @Override
            public StringBuffer format(long inverse, StringBuffer to, FieldPosition pos) {
                return format((double) inverse, to, pos);
            }

            @Override
            public Number parse(String source, ParsePosition pos) {
                return null;
            }
        });
        return axis;
    }
}
