package io.asyncworkbench.report;

import io.asyncworkbench.run.RunMeta;
import com.fasterxml.jackson.databind.EnumNamingStrategies;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.EnumNaming;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * A figure the experiment declares in full ({@code "kind": "panels"}): panels stacked over one x
 * axis, each showing one or more quantities of every series, drawn by {@link StackedFigure}. The
 * accept-loop's, for example:
 *
 * <pre>{@code
 * {"kind": "panels", "name": "fds-errors-cpu", "title": "Accept loop under fd exhaustion", "x": "time",
 *  "panels": [
 *    {"y": "open fds", "lines": [{"from": "process_open_fds", "metric": "open_fds"}], "reference": "fd-limit"},
 *    {"y": "accept errors (per s, log scale)", "log": true,
 *     "lines": [{"from": "server_accept_errors_total", "perSecond": true, "metric": "accept_errors_per_s"}]},
 *    {"y": "server CPU (% of one CPU)",
 *     "lines": [{"from": "process_cpu_seconds_total", "perSecond": true, "scale": 100, "metric": "cpu_pct"}]}],
 *  "caption": "Open file descriptors, accept errors per second and server CPU over time ..."}
 * }</pre>
 *
 * {@code x} says where the quantities come from: {@code time}, a metric of {@code server-metrics.csv}
 * (summed over its labels; {@code perSecond} turns a counter into a rate); {@code users} or
 * {@code offered-rate}, a numeric column of {@code steps.csv} (or {@code error_rate_pct}) of the
 * closed- or open-model steps, drawn only when the run has such steps. {@code series}: {@code together}
 * (the default) draws every series in each panel, one colour per series; {@code each} draws the panels
 * once per series, small multiples, where overlaying them would hide the effect.
 */
@JsonDeserialize(using = JsonDeserializer.None.class) // as a record, not through FigureDeclaration's reader
record PanelFigure(String name, String title, String caption, XAxis x, Layout series, List<Panel> panels)
        implements FigureDeclaration {

    /** The x axis, and so the source of the values. */
    @EnumNaming(EnumNamingStrategies.KebabCaseStrategy.class)
    enum XAxis {
        TIME("time since the first measured step (s)", "t_s", false, null),
        USERS("concurrent users (log scale)", "users", true, "closed"),
        OFFERED_RATE("offered rate (req/s)", "offered_rps", false, "open");

        final String label;
        /** The x column of the figure's CSV, and for a per-step axis the steps.csv column read. */
        final String column;
        final boolean logarithmic;
        /** The model of the steps a per-step axis reads; null for time. */
        final String model;

        XAxis(String label, String column, boolean logarithmic, String model) {
            this.label = label;
            this.column = column;
            this.logarithmic = logarithmic;
            this.model = model;
        }
    }

    /** Every series in each panel, or the panels once per series. */
    @EnumNaming(EnumNamingStrategies.KebabCaseStrategy.class)
    enum Layout {
        TOGETHER, EACH
    }

    /** How a line is drawn. */
    @EnumNaming(EnumNamingStrategies.KebabCaseStrategy.class)
    enum LineStyle {
        SOLID(LinePlot.Style.SOLID), DASHED(LinePlot.Style.DASHED), POINTS(LinePlot.Style.SOLID_POINTS);

        final LinePlot.Style style;

        LineStyle(LinePlot.Style style) {
            this.style = style;
        }
    }

    /** A horizontal line the run gives, e.g. the fd limit; left out where the run has none. */
    @EnumNaming(EnumNamingStrategies.KebabCaseStrategy.class)
    enum Reference {
        /** The lowest {@code fdLimit} of the run's series. */
        FD_LIMIT("fd limit", PanelFigure::fdLimit);

        final String label;
        final ToDoubleFunction<Run> value;

        Reference(String label, ToDoubleFunction<Run> value) {
            this.label = label;
            this.value = value;
        }
    }

    /** One panel: its y axis label (with the unit), whether that axis is logarithmic, its lines, a reference line or null. */
    record Panel(String y, boolean log, List<Line> lines, Reference reference) {
        Panel {
            require(y != null && !y.isBlank(), "y", "the axis label is required");
            require(lines != null && !lines.isEmpty(), "lines", "at least one is required");
        }
    }

    /**
     * One quantity, one line per series: read {@code from} (times {@code scale}, default 1), named
     * {@code metric} in the figure's CSV (default: {@code from}), {@code legend} where the panel has
     * several lines (default: the metric), drawn {@code style} (default solid).
     */
    record Line(String from, boolean perSecond, Double scale, String metric, String legend, LineStyle style) {
        Line {
            require(from != null && !from.isBlank(), "from", "the quantity is required");
            scale = scale == null ? 1 : scale;
            metric = metric == null ? from : metric;
            legend = legend == null ? metric : legend;
            style = style == null ? LineStyle.SOLID : style;
        }
    }

    /** The steps.csv quantity that is not a column: errors of every class over requests plus errors, in percent. */
    static final String ERROR_RATE = "error_rate_pct";

    /** The book's figure, and the default for closed-model steps ({@code "kind": "users-sweep"}). */
    static final PanelFigure USERS_SWEEP = new PanelFigure("users", "Throughput, p99 and errors against concurrent users",
            "The closed model of the book: each user sends its next request when the last one is answered. Throughput,"
                    + " p99 latency and error rate against the number of users, one line per server; throughput and p99 on log"
                    + " scales, so that servers twenty times apart in speed both show their shape.",
            XAxis.USERS, Layout.TOGETHER, List.of(
            new Panel("req/s (log scale)", true, List.of(points("achieved_rps", "req/s")), null),
            new Panel("p99 latency (ms, log scale)", true, List.of(points("p99_ms", "p99")), null),
            new Panel("errors (% of requests)", false, List.of(points(ERROR_RATE, "errors")), null)));

    PanelFigure {
        require(name != null && name.matches("[a-z0-9][a-z0-9-]*"), "name", "'" + name + "' is not a lowercase slug");
        require(title != null && !title.isBlank(), "title", "required");
        require(caption != null && !caption.isBlank(), "caption", "required: what the reader should look for");
        require(x != null, "x", "required: one of " + Arrays.stream(XAxis.values()).map(FigureDeclaration::jsonName).toList());
        series = series == null ? Layout.TOGETHER : series;
        require(panels != null && !panels.isEmpty(), "panels", "at least one is required");
        for (int p = 0; p < panels.size(); p++) {
            for (int l = 0; l < panels.get(p).lines().size(); l++) {
                checkQuantity(x, panels.get(p).lines().get(l), "panels[" + p + "].lines[" + l + "].");
            }
        }
    }

    @Override
    public List<Figure> draw(Run run) {
        if (x.model != null && run.steps().stream().noneMatch(s -> s.model().equals(x.model))) {
            return List.of();
        }
        return List.of(series == Layout.EACH ? StackedFigure.drawPerSeries(run, this) : StackedFigure.draw(run, this));
    }

    /** The figure's height: 150 px a panel drawn once per series, 200 px a panel shared by every series, and the title's 160. */
    int heightPx(Run run) {
        return 160 + (series == Layout.EACH ? 150 * run.seriesIds().size() : 200) * panels.size();
    }

    /** The values of {@code line} for {@code series}, x to y. */
    Map<Double, Double> values(Run run, String series, Line line) {
        Map<Double, Double> values = new TreeMap<>();
        if (x == XAxis.TIME) {
            ServerSamples metrics = run.metrics();
            Map<Double, Double> read = line.perSecond() ? metrics.perSecond(series, line.from()) : metrics.total(series, line.from());
            read.forEach((t, v) -> values.put(t, line.scale() * v));
        } else {
            run.steps(series).stream().filter(s -> s.model().equals(x.model) && !Double.isNaN(s.value(x.column))).forEach(s ->
                    values.put(s.value(x.column), line.from().equals(ERROR_RATE) ? s.errorRatePct() : s.value(line.from())));
        }
        return values;
    }

    /** Whether {@code line} reads a quantity its x axis has: a metric name over time, a steps.csv column per step. */
    private static void checkQuantity(XAxis x, Line line, String at) {
        if (x == XAxis.TIME) {
            require(line.from().matches("[a-zA-Z_:][a-zA-Z0-9_:]*"), at + "from",
                    "'" + line.from() + "' is not a metric name of server-metrics.csv");
            return;
        }
        List<String> known = new ArrayList<>(Step.NUMERIC_COLUMNS);
        known.add(ERROR_RATE);
        require(known.contains(line.from()), at + "from",
                "'" + line.from() + "' is not a steps.csv column (known: " + String.join(", ", known) + ")");
        require(!line.perSecond(), at + "perSecond", "only for x time (a counter of server-metrics.csv)");
    }

    private static Line points(String column, String legend) {
        return new Line(column, false, null, null, legend, LineStyle.POINTS);
    }

    private static void require(boolean holds, String field, String problem) {
        if (!holds) {
            throw new IllegalArgumentException(field + ": " + problem);
        }
    }

    private static double fdLimit(Run run) {
        return run.meta().series().stream().map(RunMeta.Series::fdLimit).filter(Objects::nonNull)
                .mapToDouble(Integer::doubleValue).min().orElse(Double.NaN);
    }
}
