package io.asyncworkbench.report;

import io.asyncworkbench.run.RunMeta;
import io.asyncworkbench.cli.WorkloadSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report's efficiency section: each server's measured rate beside the CPU ceiling of its
 * threads. If one request costs t of CPU time, n threads on n CPUs cannot answer more than n / t
 * requests per second however the I/O is done; JMH measures t from below, the experiments measure
 * the rate from above, and their ratio is how much of the CPU the architecture spends on requests.
 *
 * <p>Worked example, in round numbers: a workload of 160 µs and an HTTP exchange of 2 µs make
 * t = 162 µs; one thread's ceiling is then 1 / 162 µs = 6,173 req/s, and a server that sustained
 * 5,000 req/s has an efficiency of 0.81.
 *
 * <p>t is {@code HttpExchangeBenchmark.exchange} at the stage's workload when JMH ran that one, else
 * {@code HttpExchangeBenchmark.exchange} at {@code constant} (the HTTP cost alone) plus
 * {@code WorkloadBenchmark.workload} at the workload; errors add up. n is the server's threads
 * (from its startup line), at most the CPUs it was given. The rate is the maximum sustainable rate
 * of a rate sweep, or the peak of a closed-model sweep of users; a series offered one rate or one
 * user count (the load, not the server, set it) has no row.
 */
final class Efficiency {

    static final String EXCHANGE = "HttpExchangeBenchmark.exchange";
    static final String WORKLOAD = "WorkloadBenchmark.workload";
    /** The same exchange through a minimal hand-written Netty server's pipeline. */
    static final String REFERENCE = "ReferenceExchangeBenchmark.exchange";
    /** The {@code HttpExchangeBenchmark} parameter whose workload costs nothing. */
    static final String NO_WORK = "constant";

    /** CPU time of one request in nanoseconds, and its error. */
    record Cost(double nanos, double errorNanos) {
    }

    private Efficiency() {
    }

    static List<Block> of(List<Run> runs, Optional<JmhResults> jmh, String jmhPath) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Heading(2, "Efficiency: measured rate against the CPU ceiling", "efficiency"));
        blocks.add(new Block.Paragraph("If one request costs t of CPU time (the HTTP exchange through the shared Netty"
                + " pipeline plus the workload, measured by JMH without sockets), n threads on n CPUs cannot answer more"
                + " than n / t requests per second. Efficiency is the measured rate over that ceiling: what is missing went"
                + " to what JMH does not see (system calls, wake-ups, connection set-up, other HTTP code than the shared"
                + " pipeline's) and, where server and generator share the CPUs, to the generator."));
        if (jmh.isEmpty()) {
            blocks.add(new Block.Paragraph("No JMH results under `" + jmhPath + "`: run `./workbench jmh"
                    + " -prof io.asyncworkbench.jmh.CpuTimeProfiler -prof gc` (writes one there), then `./workbench report`."));
            return blocks;
        }
        JmhResults results = jmh.get();
        blocks.add(new Block.Table(List.of("experiment", "series", "workload", "threads", "CPU µs / request", "ceiling req/s",
                "measured req/s", "efficiency"),
                List.of(false, false, false, true, true, true, true, true),
                runs.stream().flatMap(run -> run.seriesIds().stream().flatMap(series -> row(run, series, results).stream()))
                        .toList()));
        blocks.add(new Block.Paragraph("Per-request costs from `" + jmhPath + "/" + results.file().getFileName()
                + "` (rerun with `./workbench jmh -prof io.asyncworkbench.jmh.CpuTimeProfiler -prof gc`); ± is JMH's 99.9%"
                + " error. CPU time is the benchmark threads' own, which other load on the machine does not inflate."));
        blocks.add(new Block.Table(List.of("benchmark", "parameter", "time / operation", "±", "measured as", "bytes allocated / operation"),
                List.of(false, false, true, true, false, true),
                results.scores().stream().map(s -> List.of("`" + s.benchmark() + "`", s.param().isEmpty() ? Numbers.NONE : s.param(),
                        Numbers.duration(s.nanos(), s.nanos()), Numbers.duration(s.errorNanos(), s.nanos()),
                        s.cpuTime() ? "CPU time" : "wall time", Numbers.whole(s.bytes()))).toList()));
        sharedCoreCost(results).ifPresent(blocks::add);
        return blocks;
    }

    /**
     * The shared pipeline's HTTP cost against a minimal hand-written Netty server's, both at the
     * workload that costs nothing: what every stage pays for the shared core. None when JMH did not
     * run both.
     */
    static Optional<Block> sharedCoreCost(JmhResults jmh) {
        Optional<JmhResults.Score> shared = jmh.find(EXCHANGE, NO_WORK);
        Optional<JmhResults.Score> reference = jmh.find(REFERENCE, NO_WORK);
        if (shared.isEmpty() || reference.isEmpty()) {
            return Optional.empty();
        }
        JmhResults.Score ours = shared.get();
        JmhResults.Score minimal = reference.get();
        return Optional.of(new Block.Paragraph("The shared core against a minimal Netty server: one exchange through the"
                + " pipeline every stage shares costs " + Numbers.duration(ours.nanos(), ours.nanos()) + " ± "
                + Numbers.duration(ours.errorNanos(), ours.nanos()) + ", through a hand-written minimal Netty server's"
                + " (`ReferenceNettyServer`: Netty's codec and one handler, no routes, metrics or request policy) "
                + Numbers.duration(minimal.nanos(), minimal.nanos()) + " ± " + Numbers.duration(minimal.errorNanos(), minimal.nanos())
                + ": " + Numbers.ratio(ours.nanos() / minimal.nanos()) + " times" + allocations(ours, minimal)
                + ". `scripts/wrk-compare.sh 3 netty reference` compares the two servers over real sockets."));
    }

    private static String allocations(JmhResults.Score ours, JmhResults.Score minimal) {
        return Double.isNaN(ours.bytes()) || Double.isNaN(minimal.bytes()) ? ""
                : ", allocating " + Numbers.whole(ours.bytes()) + " bytes per exchange against " + Numbers.whole(minimal.bytes());
    }

    /** The table row of one series, or none when the load, not the server, set its rate. */
    private static Optional<List<String>> row(Run run, String series, JmhResults jmh) {
        Optional<String> measuredAs = measuredAs(run, series);
        if (measuredAs.isEmpty()) {
            return Optional.empty();
        }
        double measured = ReproducedMetrics.value(run, series, measuredAs.get());
        RunMeta.Series meta = run.meta().seriesById(series);
        String workload = workload(meta);
        Optional<Cost> cost = perRequest(jmh, workload);
        double threads = threadsUsed(meta, run.meta());
        double ceiling = cost.map(c -> threads * 1e9 / c.nanos()).orElse(Double.NaN);
        return Optional.of(List.of(
                run.experiment(),
                run.meta().label(series),
                workload,
                Numbers.whole(threads),
                cost.map(c -> Numbers.micros(c.nanos() / 1e3) + " ± " + Numbers.micros(c.errorNanos() / 1e3))
                        .orElse("not benchmarked"),
                Numbers.whole(ceiling),
                Numbers.whole(measured) + " (" + measuredAs.get().replace(" req/s", "") + ")",
                Numbers.ratio(measured / ceiling)));
    }

    /**
     * A rate sweep is read for its sustainable rate, a closed-model sweep of users for its peak; one
     * offered rate or one user count for neither (the load, or what it exercises, set the rate).
     */
    private static Optional<String> measuredAs(Run run, String series) {
        List<Step> steps = run.steps(series);
        long openRates = steps.stream().filter(s -> s.model().equals("open")).mapToDouble(Step::offeredRps).distinct().count();
        if (openRates >= 2) {
            return Optional.of("max sustainable req/s");
        }
        long userCounts = steps.stream().filter(s -> s.model().equals("closed")).mapToDouble(Step::users).distinct().count();
        return userCounts >= 2 ? Optional.of("peak req/s") : Optional.empty();
    }

    /** One request's CPU time for {@code workload}: measured whole if JMH did, else the HTTP cost plus the work. */
    static Optional<Cost> perRequest(JmhResults jmh, String workload) {
        Optional<JmhResults.Score> whole = jmh.find(EXCHANGE, workload);
        if (whole.isPresent()) {
            return whole.map(s -> new Cost(s.nanos(), s.errorNanos()));
        }
        Optional<JmhResults.Score> http = jmh.find(EXCHANGE, NO_WORK);
        Optional<JmhResults.Score> work = jmh.find(WORKLOAD, workload);
        if (http.isEmpty() || work.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Cost(http.get().nanos() + work.get().nanos(),
                http.get().errorNanos() + work.get().errorNanos()));
    }

    /** The canonical {@code --workload} of a server's arguments (its default when absent), as JMH's parameter names it. */
    static String workload(RunMeta.Series series) {
        String flag = series.serverArg("--workload");
        String given = flag == null ? "faithful" : flag;
        try {
            return WorkloadSpec.parse(given).toString();
        } catch (IllegalArgumentException e) {
            return given;
        }
    }

    /** The server's threads, as it announced them, at most the CPUs it was pinned to; NaN when unknown. */
    static double threadsUsed(RunMeta.Series series, RunMeta meta) {
        if (series.threads() == null || series.threads() <= 0) {
            return Double.NaN;
        }
        int cpus = cpuCount(meta.placement() == null ? null : meta.placement().serverCpus());
        if (cpus == 0 && meta.machine() != null && meta.machine().cpus() != null) {
            cpus = meta.machine().cpus();
        }
        int n = series.threads();
        return cpus > 0 ? Math.min(n, cpus) : n;
    }

    /** The CPUs of a taskset list such as {@code 0}, {@code 0-1} or {@code 0,2-3}; 0 when unknown. */
    static int cpuCount(String list) {
        if (list == null || list.isBlank()) {
            return 0;
        }
        int count = 0;
        try {
            for (String part : list.split(",")) {
                String[] range = part.trim().split("-");
                int first = Integer.parseInt(range[0]);
                count += range.length == 1 ? 1 : Integer.parseInt(range[1]) - first + 1;
            }
        } catch (NumberFormatException e) {
            return 0;
        }
        return count;
    }
}
