package io.asyncworkbench.experiment;

import io.asyncworkbench.load.Summary;

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

    static final List<String> COLUMNS = List.of(
            "series", "step", "rep", "phase", "model", "offered_rps", "users", "duration_s", "requests", "achieved_rps",
            "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms", "p99_uncorrected_ms",
            "errors", "err_refused", "err_connect_timeout", "err_reset", "err_read_timeout",
            "err_no_ephemeral_port", "err_fd_limit", "err_other", "non_2xx", "connections_opened",
            "generator_cpu_pct", "generator_jit_ms", "send_lag_p99_ms", "generator_limited");

    /** Error classes of the generator (their labels) that have a column of their own. */
    private static final Map<String, String> ERROR_COLUMNS = Map.of(
            "refused", "err_refused", "connect timeout", "err_connect_timeout", "reset", "err_reset",
            "read timeout", "err_read_timeout", "no ephemeral port", "err_no_ephemeral_port", "local fd limit", "err_fd_limit");

    private StepsCsv() {
    }

    static String header() {
        return String.join(",", COLUMNS) + "\n";
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
        String[] cells = {
                series, Integer.toString(step), Integer.toString(rep), phase, open ? "open" : "closed",
                open ? num(s.targetRate()) : "", users == null ? "" : Integer.toString(users),
                num(s.windowSeconds()), Long.toString(s.responses()), num(s.achievedRate()),
                num(s.latency().p50Ms()), num(s.latency().p90Ms()), num(s.latency().p99Ms()), num(s.latency().p999Ms()),
                num(s.latency().maxMs()), num(s.uncorrectedLatency().p99Ms()),
                Long.toString(s.errorCount()), err(s, "refused"), err(s, "connect timeout"), err(s, "reset"),
                err(s, "read timeout"), err(s, "no ephemeral port"), err(s, "local fd limit"), Long.toString(other),
                Long.toString(s.responses() - s.responses2xx()), Long.toString(s.connectionsOpened()),
                num(cpuPct), num(s.cpu().jitMillis()), open ? num(s.sendLag().p99Ms()) : "", Boolean.toString(s.generatorLimited())};
        return String.join(",", cells) + "\n";
    }

    private static String err(Summary s, String label) {
        return Long.toString(s.errors().getOrDefault(label, 0L));
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
