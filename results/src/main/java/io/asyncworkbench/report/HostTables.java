package io.asyncworkbench.report;

import io.asyncworkbench.run.RunMeta;
import io.asyncworkbench.run.Spread;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * The tables of a run whose server or load ran on other hosts than the runner's ({@code meta.json}'s
 * {@code hosts}): the hosts themselves, and per series how each load host did in each step beside
 * their total, so that a reader sees whether the hosts shared the load evenly and whether one of
 * them was the limit. E.g., the load of 6,000 req/s offered half by each of two hosts:
 * <pre>
 * | step        | host   | offered req/s | share | achieved req/s      | p99 ms            | ... | generator-limited |
 * | 6,000 req/s | load-1 |         3,000 | 51.9% | 3,000 (2,998–3,000) | 2.60 (2.50–2.70)  | ... |                   |
 * |             | load-2 |         3,000 | 48.1% | 2,720 (2,640–2,990) | 9.80 (4.10–12.5)  | ... | 2 of 3            |
 * |             | total  |         6,000 |       | 5,720 (5,640–5,988) | 8.90 (3.90–11.0)  | ... | 2 of 3            |
 * </pre>
 * Each row is the median of the step's repetitions with the range of the rate and of p99, as in the
 * step tables; a host's share is its part of the step's responses over every repetition.
 */
final class HostTables {

    private HostTables() {
    }

    /** One row per host, the server's first: where it was, its machine and JDK, and its clock against the runner's. */
    static Block.Table hosts(Run run) {
        RunMeta.Hosts hosts = run.meta().hosts();
        List<List<String>> rows = new ArrayList<>();
        if (hosts.server() != null) {
            rows.add(host("server", hosts.server()));
        }
        hosts.load().forEach(h -> rows.add(host("load", h)));
        return new Block.Table(
                List.of("role", "label", "destination", "address", "CPUs", "CPU model", "kernel", "JDK", "clock offset ms"),
                List.of(false, false, false, false, true, false, false, false, true), rows);
    }

    private static List<String> host(String role, RunMeta.Host h) {
        RunMeta.Machine m = h.machine();
        return List.of(role, or(h.label()),
                h.destination() == null ? Numbers.NONE
                        : RunMeta.LOCAL.equals(h.destination()) ? "local (the runner's machine)" : "`" + h.destination() + "`",
                or(h.address()),
                m == null || m.cpus() == null ? Numbers.NONE : Integer.toString(m.cpus()),
                m == null ? Numbers.NONE : or(m.cpuModel()),
                m == null ? Numbers.NONE : or(m.kernel()),
                h.jdk() == null ? Numbers.NONE : or(h.jdk().version()) + (h.jdk().vendor() == null ? "" : " (" + h.jdk().vendor() + ")"),
                clock(h.clockOffsetMillis(), h.clockUncertaintyMillis()));
    }

    /** E.g. {@code +0.40 ± 1.20}: the host's clock minus the runner's, and half the round trip of that measurement. */
    static String clock(Double offsetMillis, Double uncertaintyMillis) {
        if (offsetMillis == null) {
            return Numbers.NONE;
        }
        return (offsetMillis > 0 ? "+" : "") + Numbers.millis(offsetMillis)
                + (uncertaintyMillis == null ? "" : " ± " + Numbers.millis(uncertaintyMillis));
    }

    /** The tables of {@code series} by load host, one per load model it used; none when the run kept no host's figures. */
    static List<Block> steps(Run run, String series) {
        HostSteps byHost = run.byHost();
        if (byHost.isEmpty()) {
            return List.of();
        }
        List<Step> steps = run.steps(series);
        Set<String> models = new LinkedHashSet<>();
        steps.forEach(s -> models.add(s.model()));
        List<Block> blocks = new ArrayList<>();
        for (String model : models) {
            boolean open = model.equals("open");
            List<List<String>> rows = new ArrayList<>();
            for (Step step : steps.stream().filter(s -> s.model().equals(model)).toList()) {
                List<Step> totalReps = run.repetitionsOf(step);
                double responses = totalReps.stream().mapToDouble(s -> s.value("requests")).sum();
                String stepCell = (step.namedPhase() ? step.phase() + ", " : "")
                        + (open ? Numbers.whole(step.offeredRps()) + " req/s" : Numbers.whole(step.users()) + " users");
                for (String host : byHost.hosts()) {
                    List<Step> reps = byHost.repetitionsOf(host, totalReps);
                    double share = 100 * reps.stream().mapToDouble(s -> s.value("requests")).sum() / responses;
                    rows.add(row(host.equals(byHost.hosts().getFirst()) ? stepCell : "", host, Numbers.percent(share),
                            Step.median(reps), reps));
                }
                rows.add(row("", "total", "", step, totalReps));
            }
            blocks.add(new Block.Paragraph(run.meta().label(series) + " (`" + series + "`), " + model + " model, by load host:"
                    + " each host's own figures (`steps-by-host.csv`), then their total (`steps.csv`: latency from the hosts'"
                    + " merged histograms, the busiest host's CPU); share: the host's part of the step's responses."));
            blocks.add(new Block.Table(
                    List.of("step", "host", open ? "offered req/s" : "users", "share", "achieved req/s", "p99 ms",
                            "send lag p99 ms", "generator CPU", "generator-limited"),
                    List.of(false, false, true, true, true, true, true, true, false), rows));
        }
        return blocks;
    }

    /** One host's (or the total's) row of a step: {@code median} of its repetitions {@code reps}. */
    private static List<String> row(String stepCell, String host, String share, Step median, List<Step> reps) {
        long limited = reps.stream().filter(Step::generatorLimited).count();
        return List.of(stepCell, host,
                Numbers.whole(median.load()),
                share,
                range(median, reps, "achieved_rps", Numbers::whole),
                range(median, reps, "p99_ms", Numbers::millis),
                Numbers.millis(median.value("send_lag_p99_ms")),
                Numbers.percent(median.value("generator_cpu_pct")),
                limited == 0 ? "" : limited + " of " + reps.size());
    }

    private static String range(Step median, List<Step> reps, String column, DoubleFunction<String> format) {
        return Numbers.range(Spread.around(median.value(column), reps.stream().mapToDouble(s -> s.value(column)).toArray()), format);
    }

    private static String or(String value) {
        return value == null || value.isBlank() ? Numbers.NONE : value;
    }
}
