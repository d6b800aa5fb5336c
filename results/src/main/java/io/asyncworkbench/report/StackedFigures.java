package io.asyncworkbench.report;

import io.asyncworkbench.report.LinePlot.Style;
import io.asyncworkbench.report.StackedFigure.Extractor;
import io.asyncworkbench.report.StackedFigure.Panel;
import io.asyncworkbench.report.StackedFigure.Quantity;
import io.asyncworkbench.report.StackedFigure.Reference;
import io.asyncworkbench.report.StackedFigure.Spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The figures that compare series panel by panel, as data: Part 3's connections over time, the
 * accept loop under fd exhaustion, ephemeral port exhaustion, and the book's users sweep. Each
 * says which quantities to plot, where they come from (server counters, the generator's
 * {@code .hlog}, or {@code steps.csv}) and what the reader should look for.
 */
final class StackedFigures {

    private static final String TIME = "time since the first measured step (s)";

    private StackedFigures() {
    }

    /** Part 3: accepted and finished connections per second, one panel per series. */
    static List<Figure> connectionsOverTime(Run run) {
        return List.of(StackedFigure.drawPerSeries(run, new Spec("connections-over-time", "Accepted and finished connections over time",
                TIME, "t_s", false, 160 + 150 * run.seriesIds().size(), List.of(
                new Panel("per s", false, List.of(
                        new Quantity("accepted_per_s", "accepted per s", Style.SOLID, counterRate("server_connections_accepted_total")),
                        new Quantity("finished_per_s", "finished per s", Style.DASHED, counterRate("server_connections_finished_total"))))),
                "Connections accepted (solid) and finished (dashed) per second from the server's /metrics, one panel per"
                        + " server, as the offered rate steps up. Look for: with the work on the accepting thread, accepting"
                        + " keeps pace with finishing; with the work offloaded, past its capacity the server accepts more"
                        + " connections than it finishes (Part 3).")));
    }

    /** Part 3: where connections wait, in the kernel's accept queue or inside the server, one panel per series. */
    static List<Figure> whereConnectionsWait(Run run) {
        return List.of(StackedFigure.drawPerSeries(run, new Spec("where-connections-wait", "Where connections wait: the kernel or the server",
                TIME, "t_s", false, 160 + 150 * run.seriesIds().size(), List.of(
                new Panel("connections", false, List.of(
                        new Quantity("listen_queue", "in the kernel's accept queue (not yet accepted)", Style.SOLID,
                                gauge("listen_queue")),
                        new Quantity("active", "accepted, not yet finished", Style.DASHED, gauge("server_connections_active"))))),
                "Sampled once a second: connections the kernel completed but the server has not accepted (its listen"
                        + " socket's accept queue, from /proc/net/tcp), and connections the server accepted and has not finished"
                        + " (from its /metrics), one panel per server. Look for: with the work on the accepting thread the"
                        + " overload waits in the kernel's queue; offloaded, connections are accepted at once and wait inside"
                        + " the server, in its worker queue (Part 3).")));
    }

    /** The accept-loop chapter: open fds, accept errors and CPU over time, naive against hardened. */
    static List<Figure> acceptLoop(Run run) {
        return List.of(StackedFigure.draw(run, new Spec("fds-errors-cpu", "Accept loop under fd exhaustion",
                TIME, "t_s", false, 760, List.of(
                new Panel("open fds", false, List.of(
                        new Quantity("open_fds", "open fds", Style.SOLID, gauge("process_open_fds"))),
                        new Reference("fd limit", StackedFigures::fdLimit)),
                new Panel("accept errors (per s, log scale)", true, List.of(
                        new Quantity("accept_errors_per_s", "accept errors", Style.SOLID, counterRate("server_accept_errors_total")))),
                new Panel("server CPU (% of one CPU)", false, List.of(
                        new Quantity("cpu_pct", "CPU", Style.SOLID, StackedFigures::cpuPct)))),
                "Open file descriptors, accept errors per second and server CPU over time while the generator holds more"
                        + " connections than the fd limit allows: first idle (the idle storm: 1,000 connections held without a"
                        + " request, beside 10 requests a second), then all sending requests (the load storm), each step three"
                        + " times. Look for: in the idle storm, a naive loop retrying accept() at full CPU while fds are"
                        + " exhausted, where the hardened loop pauses (few errors, little CPU); in the load storm every server"
                        + " is busy serving.")));
    }

    /**
     * The Q&A thread: new connections per second over time, one panel per series. Where the local
     * ports run out the line drops to zero and stays there for the rest of the repetition.
     */
    static List<Figure> ephemeralPorts(Run run) {
        return List.of(StackedFigure.drawPerSeries(run, new Spec("connections-per-second", "Ephemeral ports: new connections per second",
                TIME, "t_s", false, 160 + 150 * run.seriesIds().size(), List.of(
                new Panel("new connections per s", false, List.of(
                        new Quantity("accepted_per_s", "accepted by the server per s", Style.SOLID,
                                counterRate("server_connections_accepted_total"))))),
                "New connections the server accepted each second (from its /metrics), one panel per series; every"
                        + " request opens one, and each repetition of the step starts with every local port free. Look for:"
                        + " with one source address and the client closing first, the line drops to zero once TIME_WAIT holds"
                        + " the whole port range (every later connect fails with EADDRNOTAVAIL); on the host's loopback"
                        + " (tcp_tw_reuse=2), with eight source addresses, or with the server closing first, it never drops.")));
    }

    /** The book: throughput, p99 and error rate against concurrent users, one line per server. */
    static List<Figure> usersSweep(Run run) {
        if (run.steps().stream().noneMatch(s -> s.model().equals("closed"))) {
            return List.of();
        }
        return List.of(StackedFigure.draw(run, new Spec("users", "Throughput, p99 and errors against concurrent users",
                "concurrent users (log scale)", "users", true, 760, List.of(
                new Panel("throughput (req/s)", false, List.of(
                        new Quantity("achieved_rps", "req/s", Style.SOLID_POINTS, byUsers("achieved_rps")))),
                new Panel("p99 latency (ms, log scale)", true, List.of(
                        new Quantity("p99_ms", "p99", Style.SOLID_POINTS, byUsers("p99_ms")))),
                new Panel("errors (% of requests)", false, List.of(
                        new Quantity("error_rate_pct", "errors", Style.SOLID_POINTS, byUsers("error_rate_pct"))))),
                "The closed model of the book: each user sends its next request when the last one is answered. Throughput,"
                        + " p99 latency and error rate against the number of users, one line per server.")));
    }

    private static Extractor counterRate(String name) {
        return (run, series) -> run.metrics().perSecond(series, name);
    }

    private static Extractor gauge(String name) {
        return (run, series) -> run.metrics().total(series, name);
    }

    private static Map<Double, Double> cpuPct(Run run, String series) {
        Map<Double, Double> pct = new TreeMap<>();
        run.metrics().perSecond(series, "process_cpu_seconds_total").forEach((t, cpu) -> pct.put(t, 100 * cpu));
        return pct;
    }

    /** A steps.csv column (or {@code error_rate_pct}) of the series' closed-model steps, by users. */
    private static Extractor byUsers(String column) {
        return (run, series) -> {
            Map<Double, Double> values = new TreeMap<>();
            run.steps(series).stream().filter(s -> s.model().equals("closed")).forEach(s ->
                    values.put(s.users(), column.equals("error_rate_pct") ? s.errorRatePct() : s.value(column)));
            return values;
        };
    }

    private static double fdLimit(Run run) {
        return run.meta().series().stream().map(RunMeta.Series::fdLimit).filter(Objects::nonNull)
                .mapToDouble(Integer::doubleValue).min().orElse(Double.NaN);
    }
}
