package io.asyncworkbench.run;

import java.util.List;

/**
 * The columns of a run's {@code steps.csv} (format 2), in their order: the one list the runner
 * writes and the renderer reads (their meaning is in {@code docs/run-format.md}). A column added
 * here is written by the one and known to the other; format 1 lacked {@link #ADDED_IN_FORMAT_2}.
 */
public final class StepColumns {

    /** Every column, in the file's order. */
    public static final List<String> ALL = List.of(
            "series", "step", "rep", "phase", "model",
            "offered_rps", "users", "duration_s", "requests", "achieved_rps",
            "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms", "p99_uncorrected_ms",
            "errors", "err_refused", "err_connect_timeout", "err_reset", "err_read_timeout",
            "err_no_ephemeral_port", "err_fd_limit", "err_other", "non_2xx", "connections_opened",
            "generator_cpu_pct", "generator_jit_ms", "send_lag_p99_ms", "generator_limited");

    /** The columns that hold numbers (an empty cell: does not apply). */
    public static final List<String> NUMERIC = ALL.subList(ALL.indexOf("offered_rps"), ALL.indexOf("generator_limited"));

    /** The columns format 2 added: repetitions, what asked for a step, the generator's JIT. */
    public static final List<String> ADDED_IN_FORMAT_2 = List.of("rep", "phase", "generator_jit_ms");

    /**
     * The columns of {@code steps-by-host.csv}, written when the load came from more than one host
     * or from another host than the runner's: {@code host} (the load host's label, {@code load-1},
     * {@code load-2}, ...; its SSH destination is in meta.json's {@code hosts}), then every column of
     * {@code steps.csv} with that host's own figures. {@code steps.csv} holds the total of the hosts.
     */
    public static final List<String> BY_HOST = java.util.stream.Stream.concat(java.util.stream.Stream.of("host"), ALL.stream()).toList();

    private StepColumns() {
    }
}
