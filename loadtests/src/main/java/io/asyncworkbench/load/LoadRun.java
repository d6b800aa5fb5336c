package io.asyncworkbench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.asyncworkbench.transport.Transport;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Carries out one {@link LoadPlan}: starts a {@link LoadLoop} on each event loop, prints the
 * progress line every second while they run, then prints the {@link Summary} and writes the
 * {@code --hlog} and {@code --json} files.
 *
 * <p>The timeline: arrivals start at once; requests intended during {@code --warmup} are not
 * recorded; after the duration no request starts, and the requests still in flight get up to
 * {@code --timeout} to finish before they are counted as timed out. Ctrl-C or SIGTERM moves the
 * end of sending to that moment, and the summary covers what ran: a shutdown hook waits for it.
 */
final class LoadRun {

    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** How late after {@code --start-at} a start still counts as on time. */
    private static final long SCHEDULE_SLACK_MILLIS = 5;
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final LoadPlan plan;
    private final PrintWriter out;
    private final PrintWriter err;
    private final CountDownLatch summarised = new CountDownLatch(1);
    private volatile boolean stopRequested;

    LoadRun(LoadPlan plan, PrintWriter out, PrintWriter err) {
        this.plan = plan;
        this.out = out;
        this.err = err;
    }

    Summary run() throws IOException, InterruptedException, ExecutionException {
        Transport transport = plan.transport().resolve();
        Thread hook = new Thread(this::stopAndWait, "workbench-load-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        EventLoopGroup group = transport.newEventLoopGroup(plan.threads(), "load");
        try {
            return runOn(group, transport);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            summarised.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it returns now that the summary is out.
            }
        }
    }

    /** The shutdown hook: ask the run to stop, and keep the JVM up until its summary is written. */
    private void stopAndWait() {
        stopRequested = true;
        try {
            summarised.await(plan.timeout().toNanos() + GIVE_UP_NANOS * 2, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run's story: each phase is a method below, in the order they run. */
    private Summary runOn(EventLoopGroup group, Transport transport) throws IOException, InterruptedException, ExecutionException {
        // Set up.
        CountDownLatch finished = new CountDownLatch(plan.threads());
        List<LoadLoop> loops = newLoops(group, transport, finished);
        LoopThreads threads = LoopThreads.of(loops);
        List<String> warnings = new ArrayList<>();
        PortBudget budget = checkPortBudget(warnings);
        announce(transport);

        // Prime the path, then start the clock.
        prime(loops);
        IntervalReporter reporter = new IntervalReporter(loops.stream().map(LoadLoop::stats).toList(), plan.hlog(),
                plan.commandLine(), System.currentTimeMillis());
        collectStartupGarbage();
        awaitStartAt(warnings);
        Timeline timeline = start(loops);

        // Run until every loop has finished.
        Watch watch = new Watch(loops, reporter, threads, timeline);
        watch.reportEverySecondUntil(finished);
        long endNanos = System.nanoTime();

        // Summarise.
        Summary.Cpu cpu = watch.closeMeasuredWindow();
        double windowSeconds = timeline.windowSeconds(watch.stopAtNanos, lastCompletionNanos(loops, finished, endNanos));
        Summary summary = SummaryAssembly.assemble(plan, transport, loops, reporter, cpu, budget, warnings,
                timeline.startTime(), Instant.now(), windowSeconds);
        publish(summary);
        return summary;
    }

    /** One load loop per event loop; each counts {@code finished} down when it is done. */
    private List<LoadLoop> newLoops(EventLoopGroup group, Transport transport, CountDownLatch finished) {
        List<LoadLoop> loops = new ArrayList<>();
        for (EventExecutor executor : group) {
            loops.add(new LoadLoop(plan, transport, (EventLoop) executor, loops.size(), plan.threads(), finished::countDown));
        }
        return loops;
    }

    /** The ephemeral ports this machine has for the planned connects: a warning, printed now and kept for the summary. */
    private PortBudget checkPortBudget(List<String> warnings) {
        PortBudget budget = PortBudget.ofThisMachine(Math.max(1, plan.sourceAddresses().size()));
        budget.warning(plan.plannedConnectionsPerSecond()).ifPresent(w -> {
            warnings.add(w);
            err.println("warning: " + w);
        });
        return budget;
    }

    /** The run's first line on stderr: what is sent where, how, for how long, on how many threads. */
    private void announce(Transport transport) {
        err.printf("workbench load %s %s: %s, %s, %d thread(s) on %s%n", plan.method(), plan.url(), plan.describeModel(),
                plan.runLength() == null ? "until every user is done" : "for " + plan.duration().toMillis() / 1000.0 + " s"
                        + (plan.warmup().isZero() ? "" : " after " + plan.warmup().toMillis() / 1000.0 + " s warmup"),
                plan.threads(), transport.label());
    }

    /** One unrecorded request per loop, so that the schedule starts warm. */
    private void prime(List<LoadLoop> loops) throws InterruptedException {
        CountDownLatch primed = new CountDownLatch(loops.size());
        loops.forEach(l -> l.prime(primed::countDown));
        primed.await(plan.timeout().toNanos() + TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    /**
     * Collects what startup left before the clock starts, and moves the run's long-lived objects
     * (the recorders' histograms, 0.3 MB each) out of the young generation. Else the first young
     * collection falls inside the run and copies them: measured at 5,000 req/s with the serial
     * collector a JVM pinned to one CPU gets, a 24-28 ms pause (so a 24-29 ms send lag), against
     * 3.5-4 ms after this collection.
     */
    private static void collectStartupGarbage() {
        System.gc();
    }

    /**
     * Waits for {@code --start-at}, on the wall clock; when priming took longer than the time
     * left, starts at once and says how late.
     */
    private void awaitStartAt(List<String> warnings) throws InterruptedException {
        if (plan.startAt() == null) {
            return;
        }
        long lateMillis = Duration.between(plan.startAt(), Instant.now()).toMillis();
        if (lateMillis > SCHEDULE_SLACK_MILLIS) {
            String late = "started " + lateMillis + " ms after --start-at " + plan.startAt() + " (priming took longer)";
            warnings.add(late);
            err.println("warning: " + late);
        }
        for (Duration left = Duration.between(Instant.now(), plan.startAt()); left.isPositive();
             left = Duration.between(Instant.now(), plan.startAt())) {
            TimeUnit.NANOSECONDS.sleep(left.toNanos());
        }
    }

    /** Starts every loop's arrivals now. */
    private Timeline start(List<LoadLoop> loops) {
        Instant startTime = Instant.now();
        long runStartNanos = System.nanoTime();
        long measureStartNanos = runStartNanos + plan.warmup().toNanos();
        long sendEndNanos = plan.runLength() == null ? Long.MAX_VALUE : runStartNanos + plan.runLength().toNanos();
        // With no warmup everything from the start is measured, the closed model's first users at 0 too.
        long measureAfterNanos = plan.warmup().isZero() ? runStartNanos - 1 : measureStartNanos;
        loops.forEach(l -> l.start(runStartNanos, measureAfterNanos, sendEndNanos));
        return new Timeline(startTime, runStartNanos, measureStartNanos, sendEndNanos);
    }

    /** When the last request finished, if every loop did; else {@code endNanos}, when the run gave up on them. */
    private static long lastCompletionNanos(List<LoadLoop> loops, CountDownLatch finished, long endNanos) {
        return finished.getCount() == 0 ? loops.stream().mapToLong(LoadLoop::lastCompletionNanos).max().orElse(endNanos) : endNanos;
    }

    /** Prints the summary, and writes it to {@code --json}. */
    private void publish(Summary summary) throws IOException {
        out.print(SummaryFormatter.format(summary));
        out.flush();
        if (plan.json() != null) {
            AtomicFiles.write(plan.json(), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(summary));
        }
    }

    /** When the run started, on the wall clock and on {@link System#nanoTime()}; when measuring starts and sending ends. */
    private record Timeline(Instant startTime, long runStartNanos, long measureStartNanos, long sendEndNanos) {

        /** The measured window, from its start to the stop or the last completion, whichever came first. */
        double windowSeconds(long stopAtNanos, long lastCompletionNanos) {
            return Math.max(0, Math.min(stopAtNanos, lastCompletionNanos) - measureStartNanos) / 1e9;
        }
    }

    /** The loops' threads as the JVM and the kernel know them, for {@link CpuUsage}. */
    private record LoopThreads(long[] threadIds, long[] nativeIds) {

        static LoopThreads of(List<LoadLoop> loops) throws InterruptedException, ExecutionException {
            long[] threadIds = new long[loops.size()];
            long[] nativeIds = new long[loops.size()];
            for (int i = 0; i < threadIds.length; i++) {
                threadIds[i] = loops.get(i).eventLoop().submit(() -> Thread.currentThread().threadId()).get();
                nativeIds[i] = loops.get(i).eventLoop().submit(CpuUsage::nativeThreadId).get();
            }
            return new LoopThreads(threadIds, nativeIds);
        }

        CpuUsage.Sample sample() {
            return CpuUsage.sample(threadIds, nativeIds);
        }
    }

    /**
     * The run's own thread while the loops run: it opens the measured window when the warmup ends,
     * shows the progress line every second, stops the loops on Ctrl-C or SIGTERM, and aborts them when the
     * requests still in flight after the stop outlast {@code --timeout}.
     */
    private final class Watch {

        private final List<LoadLoop> loops;
        private final IntervalReporter reporter;
        private final LoopThreads threads;
        private final Timeline timeline;
        private final ProgressLine progress = new ProgressLine(err, ProgressLine.stderrIsTerminal());
        private CpuUsage.Sample cpuFrom;
        private long stopAtNanos;
        private long nextTickNanos;
        private long lastResponses;
        private long abortedAtNanos;

        Watch(List<LoadLoop> loops, IntervalReporter reporter, LoopThreads threads, Timeline timeline) {
            this.loops = loops;
            this.reporter = reporter;
            this.threads = threads;
            this.timeline = timeline;
            this.stopAtNanos = timeline.sendEndNanos();
            this.nextTickNanos = timeline.runStartNanos() + TICK_NANOS;
        }

        /** Until every loop has finished, or they were aborted and did not finish within {@code GIVE_UP_NANOS}. */
        void reportEverySecondUntil(CountDownLatch finished) throws InterruptedException {
            long waitNanos = 0;
            while (!finished.await(waitNanos, TimeUnit.NANOSECONDS)) {
                long nowNanos = System.nanoTime();
                if (cpuFrom == null && nowNanos >= timeline.measureStartNanos()) {
                    openMeasuredWindow();
                }
                if (stopRequested && stopAtNanos > nowNanos) {
                    stopAtNanos = nowNanos;
                    loops.forEach(l -> l.stop(nowNanos));
                }
                if (nowNanos >= nextTickNanos) {
                    showProgress(nowNanos);
                    nextTickNanos += TICK_NANOS;
                }
                if (abortedAtNanos == 0 && drainOverdue(nowNanos)) {
                    abortedAtNanos = nowNanos;
                    loops.forEach(LoadLoop::abort);
                } else if (abortedAtNanos != 0 && nowNanos > abortedAtNanos + GIVE_UP_NANOS) {
                    err.println("warning: the event loops did not finish; summarising what was recorded");
                    break;
                }
                waitNanos = Math.max(0, Math.min(POLL_NANOS, nextTickNanos - System.nanoTime()));
            }
        }

        private void openMeasuredWindow() {
            cpuFrom = threads.sample();
            reporter.startMeasuring(System.currentTimeMillis());
        }

        private void showProgress(long nowNanos) {
            IntervalReporter.Tick tick = reporter.tick(System.currentTimeMillis());
            progress.show(ProgressLine.format((nowNanos - timeline.runStartNanos()) / 1e9, plan.runLength() == null ? Double.NaN
                            : plan.runLength().toNanos() / 1e9, nowNanos < timeline.measureStartNanos(), tick.responses() - lastResponses,
                    percentileMs(tick.corrected(), 50), percentileMs(tick.corrected(), 99),
                    tick.errors(), tick.openConnections()));
            lastResponses = tick.responses();
        }

        /** Whether the requests in flight at the stop have had {@code --timeout}, and a fifth of a tick for the loops' sweep. */
        private boolean drainOverdue(long nowNanos) {
            return stopAtNanos != Long.MAX_VALUE && nowNanos > stopAtNanos + plan.timeout().toNanos() + TICK_NANOS / 5;
        }

        /** The last interval, and the CPU used over the measured window (opened now if the run ended in its warmup). */
        Summary.Cpu closeMeasuredWindow() throws IOException {
            if (cpuFrom == null) {
                openMeasuredWindow();
            }
            Summary.Cpu cpu = CpuUsage.between(cpuFrom, threads.sample(), Runtime.getRuntime().availableProcessors());
            reporter.tick(System.currentTimeMillis());
            progress.end();
            reporter.finish();
            return cpu;
        }
    }

    private static double percentileMs(org.HdrHistogram.Histogram nanos, double percentile) {
        return nanos.getTotalCount() == 0 ? Double.NaN : nanos.getValueAtPercentile(percentile) / 1e6;
    }
}
