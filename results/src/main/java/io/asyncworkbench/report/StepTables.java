package io.asyncworkbench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The step tables of the report, one per series and load model, as a table of columns: an open
 * model shows offered against achieved rate and latency; a closed model shows the book's columns
 * (users, request count — requests sent, answered or failed —, p50, p99, req/s, error rate); a connections step shows what was held and
 * what failed. Error classes appear only when some step of the series had them, so a clean run
 * stays narrow.
 */
final class StepTables {

    /** One column: its header, whether it is a number (right-aligned), and the cell of a step. */
    private record Column(String header, boolean numeric, Function<Step, String> cell) {
    }

    private static final List<Column> OPEN = List.of(
            text("step", s -> Integer.toString(s.step())),
            number("offered req/s", s -> Numbers.whole(s.offeredRps())),
            number("achieved req/s", s -> Numbers.whole(s.achievedRps())),
            number("p50 ms", s -> Numbers.millis(s.value("p50_ms"))),
            number("p99 ms", s -> Numbers.millis(s.p99Millis())),
            number("p99.9 ms", s -> Numbers.millis(s.value("p999_ms"))),
            number("max ms", s -> Numbers.millis(s.value("max_ms"))),
            number("errors", s -> Numbers.whole(s.value("errors"))),
            number("connections", s -> Numbers.whole(s.value("connections_opened"))));

    private static final List<Column> CLOSED = List.of(
            number("users", s -> Numbers.whole(s.users())),
            number("request count", s -> Numbers.whole(s.value("requests") + s.value("errors"))),
            number("p50 ms", s -> Numbers.millis(s.value("p50_ms"))),
            number("p99 ms", s -> Numbers.millis(s.p99Millis())),
            number("req/s", s -> Numbers.whole(s.achievedRps())),
            number("error rate", s -> Numbers.percent(s.errorRatePct())));

    private static final List<Column> CONNECTIONS = List.of(
            text("step", s -> Integer.toString(s.step())),
            number("connections held", s -> Numbers.whole(s.users())),
            number("duration s", s -> Numbers.millis(s.durationSeconds())),
            number("requests", s -> Numbers.whole(s.value("requests"))),
            number("errors", s -> Numbers.whole(s.value("errors"))),
            number("connections opened", s -> Numbers.whole(s.value("connections_opened"))));

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
        List<Step> steps = run.steps(series);
        Set<String> models = new LinkedHashSet<>();
        steps.forEach(s -> models.add(s.model()));
        List<Block> blocks = new ArrayList<>();
        for (String model : models) {
            List<Step> rows = steps.stream().filter(s -> s.model().equals(model)).toList();
            List<Column> columns = columns(model, rows);
            blocks.add(new Block.Paragraph(run.meta().label(series) + " (`" + series + "`), " + model + " model:"));
            blocks.add(new Block.Table(
                    columns.stream().map(Column::header).toList(),
                    columns.stream().map(Column::numeric).toList(),
                    rows.stream().map(s -> columns.stream().map(c -> c.cell().apply(s)).toList()).toList()));
        }
        return blocks;
    }

    private static List<Column> columns(String model, List<Step> rows) {
        List<Column> columns = new ArrayList<>(switch (model) {
            case "open" -> OPEN;
            case "closed" -> CLOSED;
            default -> CONNECTIONS;
        });
        for (List<String> errorClass : ERROR_CLASSES) {
            String column = errorClass.get(0);
            if (rows.stream().anyMatch(s -> s.value(column) > 0)) {
                columns.add(number(errorClass.get(1), s -> Numbers.whole(s.value(column))));
            }
        }
        if (rows.stream().anyMatch(Step::generatorLimited)) {
            columns.add(text("generator-limited", s -> s.generatorLimited() ? "yes" : ""));
        }
        return columns;
    }

    private static Column number(String header, Function<Step, String> cell) {
        return new Column(header, true, cell);
    }

    private static Column text(String header, Function<Step, String> cell) {
        return new Column(header, false, cell);
    }
}
