package io.asyncworkbench.report;

import io.asyncworkbench.run.Spread;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The step tables of the report, one per series and load model, as a table of columns, one row per
 * step: the median of its repetitions, with the range of the rate and of p99. An open model shows
 * offered against achieved rate and latency; a closed model shows the book's columns (users,
 * request count — requests sent, answered or failed —, p50, p99, req/s, error rate). Error classes
 * appear only when some step of the series had them, so a clean run stays narrow.
 */
final class StepTables {

    /** One step: the median of its repetitions, and the repetitions. */
    private record Point(Step median, List<Step> reps) {
        String range(String column, DoubleFunction<String> format) {
            return Numbers.range(Spread.around(median.value(column),
                    reps.stream().mapToDouble(s -> s.value(column)).toArray()), format);
        }
    }

    /** One column: its header, whether it is a number (right-aligned), and the cell of a step. */
    private record Column(String header, boolean numeric, Function<Point, String> cell) {
    }

    private static final List<Column> OPEN = List.of(
            number("offered req/s", p -> Numbers.whole(p.median().offeredRps())),
            number("achieved req/s", p -> p.range("achieved_rps", Numbers::whole)),
            number("p50 ms", p -> Numbers.millis(p.median().value("p50_ms"))),
            number("p99 ms", p -> p.range("p99_ms", Numbers::millis)),
            number("p99.9 ms", p -> Numbers.millis(p.median().value("p999_ms"))),
            number("max ms", p -> Numbers.millis(p.median().value("max_ms"))),
            number("errors", p -> Numbers.whole(p.median().value("errors"))),
            number("connections", p -> Numbers.whole(p.median().value("connections_opened"))),
            number("repetitions", p -> Integer.toString(p.reps().size())),
            text("phase", p -> p.median().phase()));

    private static final List<Column> CLOSED = List.of(
            number("users", p -> Numbers.whole(p.median().users())),
            number("request count", p -> Numbers.whole(p.median().value("requests") + p.median().value("errors"))),
            number("p50 ms", p -> Numbers.millis(p.median().value("p50_ms"))),
            number("p99 ms", p -> p.range("p99_ms", Numbers::millis)),
            number("req/s", p -> p.range("achieved_rps", Numbers::whole)),
            number("error rate", p -> Numbers.percent(p.median().errorRatePct())),
            number("repetitions", p -> Integer.toString(p.reps().size())));

    /** Error classes of steps.csv and their headers, shown when non-zero in some step of the series. */
    private static final List<List<String>> ERROR_CLASSES = List.of(
            List.of("err_refused", "refused"), List.of("err_connect_timeout", "connect timeout"),
            List.of("err_reset", "reset"), List.of("err_read_timeout", "read timeout"),
            List.of("err_no_ephemeral_port", "EADDRNOTAVAIL"), List.of("err_fd_limit", "fd limit"),
            List.of("err_other", "other errors"), List.of("non_2xx", "non-2xx"));

    private StepTables() {
    }

    /** The tables of {@code series}: one per load model it used, each headed by what it is. */
    static List<Block> of(Run run, String series) {
        List<Point> steps = run.steps(series).stream().map(s -> new Point(s, run.repetitionsOf(s))).toList();
        Set<String> models = new LinkedHashSet<>();
        steps.forEach(p -> models.add(p.median().model()));
        List<Block> blocks = new ArrayList<>();
        for (String model : models) {
            List<Point> rows = steps.stream().filter(p -> p.median().model().equals(model)).toList();
            List<Column> columns = columns(model, rows);
            blocks.add(new Block.Paragraph(run.meta().label(series) + " (`" + series + "`), " + model + " model:"));
            blocks.add(new Block.Table(
                    columns.stream().map(Column::header).toList(),
                    columns.stream().map(Column::numeric).toList(),
                    rows.stream().map(s -> columns.stream().map(c -> c.cell().apply(s)).toList()).toList()));
        }
        return blocks;
    }

    private static List<Column> columns(String model, List<Point> rows) {
        List<Column> columns = new ArrayList<>(model.equals("open") ? OPEN : CLOSED);
        for (List<String> errorClass : ERROR_CLASSES) {
            String column = errorClass.get(0);
            if (rows.stream().anyMatch(p -> p.median().value(column) > 0)) {
                columns.add(number(errorClass.get(1), p -> Numbers.whole(p.median().value(column))));
            }
        }
        if (rows.stream().anyMatch(p -> p.median().generatorLimited())) {
            columns.add(text("generator-limited", p -> {
                long limited = p.reps().stream().filter(Step::generatorLimited).count();
                return limited == 0 ? "" : limited + " of " + p.reps().size();
            }));
        }
        return columns;
    }

    private static Column number(String header, Function<Point, String> cell) {
        return new Column(header, true, cell);
    }

    private static Column text(String header, Function<Point, String> cell) {
        return new Column(header, false, cell);
    }
}
