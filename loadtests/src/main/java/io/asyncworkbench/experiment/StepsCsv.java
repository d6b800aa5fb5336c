package io.asyncworkbench.experiment;

import io.asyncworkbench.load.Summary;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one step's {@link Summary} into a row of {@code steps.csv} (columns in
 * {@code docs/run-format.md}). A step is flagged {@code generator_limited} when the generator
 * warned that it fell behind its schedule or ran out of CPU: then the row measures the
 * generator, and the report must not present it as the server's figure.
 */
final class StepsCsv {

    static final List<String> COLUMNS = List.of(
            "series", "step", "model", "offered_rps", "users", "duration_s", "requests", "achieved_rps",
            "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms", "p99_uncorrected_ms",
            "errors", "err_refused", "err_connect_timeout", "err_reset", "err_read_timeout",
            "err_no_ephemeral_port", "err_fd_limit", "err_other", "non_2xx", "connections_opened",
            "generator_cpu_pct", "send_lag_p99_ms", "generator_limited");

    /** Error classes of the generator (their labels) that have a column of their own. */
    private static final Map<String, String> ERROR_COLUMNS = Map.of(
            "refused", "err_refused", "connect timeout", "err_connect_timeout", "reset", "err_reset",
            "read timeout", "err_read_timeout", "no ephemeral port", "err_no_ephemeral_port", "local fd limit", "err_fd_limit");

    private StepsCsv() {
    }

    static String header() {
        return String.join(",", COLUMNS) + "\n";
    }

    static String row(String series, int step, Summary s) {
        boolean open = s.targetRate() != null;
        long other = 0;
        for (Map.Entry<String, Long> e : s.errors().entrySet()) {
            if (!ERROR_COLUMNS.containsKey(e.getKey())) {
                other += e.getValue();
            }
        }
        double cpuPct = s.cpu().availableCpus() == 0 ? 0 : s.cpu().processPercent() / s.cpu().availableCpus();
        String[] cells = {
                series, Integer.toString(step), open ? "open" : "closed",
                open ? num(s.targetRate()) : "", open ? "" : Integer.toString(usersOf(s)),
                num(s.windowSeconds()), Long.toString(s.responses()), num(s.achievedRate()),
                num(s.latency().p50Ms()), num(s.latency().p90Ms()), num(s.latency().p99Ms()), num(s.latency().p999Ms()),
                num(s.latency().maxMs()), num(s.uncorrectedLatency().p99Ms()),
                Long.toString(s.errorCount()), err(s, "refused"), err(s, "connect timeout"), err(s, "reset"),
                err(s, "read timeout"), err(s, "no ephemeral port"), err(s, "local fd limit"), Long.toString(other),
                Long.toString(s.responses() - s.responses2xx()), Long.toString(s.connectionsOpened()),
                num(cpuPct), open ? num(s.sendLag().p99Ms()) : "", Boolean.toString(!s.warnings().isEmpty())};
        return String.join(",", cells) + "\n";
    }

    private static int usersOf(Summary s) {
        // The closed model's command line carries --users N.
        String[] words = s.command().split(" ");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("--users")) {
                return Integer.parseInt(words[i + 1]);
            }
        }
        return 0;
    }

    private static String err(Summary s, String label) {
        return Long.toString(s.errors().getOrDefault(label, 0L));
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
