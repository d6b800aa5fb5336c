package io.asyncworkbench.experiment;

import io.asyncworkbench.load.Summary;
import io.asyncworkbench.run.StepColumns;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one step's {@link Summary} into a row of {@code steps.csv} (columns in
 * {@code docs/run-format.md}): one row per repetition, numbered {@code step} within the series,
 * with its {@code rep} and the {@code phase} that asked for it. A step is flagged
 * {@code generator_limited} when the generator fell behind its schedule or lacked CPU
 * ({@link Summary#generatorLimited()}): then the row measures the generator, and the report must
 * not present it as the server's figure.
 */
final class StepsCsv {

    static final List<String> COLUMNS = StepColumns.ALL;

    /** Error classes of the generator (their labels) that have a column of their own. */
    private static final Map<String, String> ERROR_COLUMNS = Map.of(
            "refused", "err_refused", "connect timeout", "err_connect_timeout", "reset", "err_reset",
            "read timeout", "err_read_timeout", "no ephemeral port", "err_no_ephemeral_port", "local fd limit", "err_fd_limit");

    private StepsCsv() {
    }

    static String header() {
        return String.join(",", COLUMNS) + "\n";
    }

    /** The header of {@code steps-by-host.csv}: {@code host}, then every column of {@code steps.csv}. */
    static String byHostHeader() {
        return String.join(",", StepColumns.BY_HOST) + "\n";
    }

    /** A row of {@code steps-by-host.csv}: load host {@code host}'s own part of a repetition. */
    static String byHostRow(String host, String series, int step, int rep, String phase, Integer users, Summary s) {
        return host + "," + row(series, step, rep, phase, users, s);
    }

    /** The row of repetition {@code rep} of a step; {@code users} is the closed model's (null in the open model). */
    static String row(String series, int step, int rep, String phase, Integer users, Summary s) {
        boolean open = s.targetRate() != null;
        long other = 0;
        for (Map.Entry<String, Long> e : s.errors().entrySet()) {
            if (!ERROR_COLUMNS.containsKey(e.getKey())) {
                other += e.getValue();
            }
        }
        double cpuPct = s.cpu().availableCpus() == 0 ? 0 : s.cpu().processPercent() / s.cpu().availableCpus();
        Map<String, String> cells = new HashMap<>();
        cells.put("series", series);
        cells.put("step", Integer.toString(step));
        cells.put("rep", Integer.toString(rep));
        cells.put("phase", phase);
        cells.put("model", open ? "open" : "closed");
        cells.put("offered_rps", open ? num(s.targetRate()) : "");
        cells.put("users", users == null ? "" : Integer.toString(users));
        cells.put("duration_s", num(s.windowSeconds()));
        cells.put("requests", Long.toString(s.responses()));
        cells.put("achieved_rps", num(s.achievedRate()));
        cells.put("p50_ms", num(s.latency().p50Ms()));
        cells.put("p90_ms", num(s.latency().p90Ms()));
        cells.put("p99_ms", num(s.latency().p99Ms()));
        cells.put("p999_ms", num(s.latency().p999Ms()));
        cells.put("max_ms", num(s.latency().maxMs()));
        cells.put("p99_uncorrected_ms", num(s.uncorrectedLatency().p99Ms()));
        cells.put("errors", Long.toString(s.errorCount()));
        ERROR_COLUMNS.forEach((label, column) -> cells.put(column, Long.toString(s.errors().getOrDefault(label, 0L))));
        cells.put("err_other", Long.toString(other));
        cells.put("non_2xx", Long.toString(s.responses() - s.responses2xx()));
        cells.put("connections_opened", Long.toString(s.connectionsOpened()));
        cells.put("generator_cpu_pct", num(cpuPct));
        cells.put("generator_jit_ms", num(s.cpu().jitMillis()));
        cells.put("send_lag_p99_ms", open ? num(s.sendLag().p99Ms()) : "");
        cells.put("generator_limited", Boolean.toString(s.generatorLimited()));
        return String.join(",", COLUMNS.stream().map(column -> {
            String cell = cells.get(column);
            if (cell == null) {
                throw new IllegalStateException("steps.csv: no value for column " + column);
            }
            return cell;
        }).toList()) + "\n";
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
