package io.asyncworkbench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.asyncworkbench.transport.Transport;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

import java.io.IOException;
import java.io.PrintWriter;
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

    private Summary runOn(EventLoopGroup group, Transport transport) throws IOException, InterruptedException, ExecutionException {
        // One load loop per event loop.
        CountDownLatch finished = new CountDownLatch(plan.threads());
        List<LoadLoop> loops = new ArrayList<>();
        for (EventExecutor executor : group) {
            loops.add(new LoadLoop(plan, transport, (EventLoop) executor, loops.size(), plan.threads(), finished::countDown));
        }
        long[] threadIds = new long[loops.size()];
        long[] nativeIds = new long[loops.size()];
        for (int i = 0; i < threadIds.length; i++) {
            threadIds[i] = loops.get(i).eventLoop().submit(() -> Thread.currentThread().threadId()).get();
            nativeIds[i] = loops.get(i).eventLoop().submit(CpuUsage::nativeThreadId).get();
        }
        List<String> warnings = new ArrayList<>();
        PortBudget budget = PortBudget.ofThisMachine(Math.max(1, plan.sourceAddresses().size()));
        budget.warning(plan.plannedConnectionsPerSecond()).ifPresent(w -> {
            warnings.add(w);
            err.println("warning: " + w);
        });
        err.printf("workbench load %s %s: %s, %s, %d thread(s) on %s%n", plan.method(), plan.url(), plan.describeModel(),
                plan.runLength() == null ? "until every user is done" : "for " + plan.duration().toMillis() / 1000.0 + " s"
                        + (plan.warmup().isZero() ? "" : " after " + plan.warmup().toMillis() / 1000.0 + " s warmup"),
                plan.threads(), transport.label());

        // Prime: one unrecorded request per loop, so that the schedule starts warm.
        CountDownLatch primed = new CountDownLatch(loops.size());
        loops.forEach(l -> l.prime(primed::countDown));
        primed.await(plan.timeout().toNanos() + TICK_NANOS, TimeUnit.NANOSECONDS);
        IntervalReporter reporter = new IntervalReporter(loops.stream().map(LoadLoop::stats).toList(), plan.hlog(),
                plan.commandLine(), System.currentTimeMillis());

        // Collect what startup left before the clock starts, and move the run's long-lived
        // objects (the recorders' histograms, 0.3 MB each) out of the young generation. Else the
        // first young collection falls inside the run and copies them: measured at 5,000 req/s
        // with the serial collector a JVM pinned to one CPU gets, a 24-28 ms pause (so a 24-29 ms
        // send lag), against 3.5-4 ms after this collection.
        System.gc();

        // Start.
        Instant startTime = Instant.now();
        long runStart = System.nanoTime();
        long measureStart = runStart + plan.warmup().toNanos();
        long sendEnd = plan.runLength() == null ? Long.MAX_VALUE : runStart + plan.runLength().toNanos();
        // With no warmup everything from the start is measured, the closed model's first users at 0 too.
        long measureAfter = plan.warmup().isZero() ? runStart - 1 : measureStart;
        loops.forEach(l -> l.start(runStart, measureAfter, sendEnd));
        ProgressLine progress = new ProgressLine(err, ProgressLine.stderrIsTerminal());

        // Report every second until every loop has finished.
        CpuUsage.Sample cpuFrom = null;
        long stopAt = sendEnd;
        long nextTick = runStart + TICK_NANOS;
        long lastResponses = 0;
        long abortedAt = 0;
        long wait = 0;
        while (!finished.await(wait, TimeUnit.NANOSECONDS)) {
            long now = System.nanoTime();
            if (cpuFrom == null && now >= measureStart) {
                cpuFrom = CpuUsage.sample(threadIds, nativeIds);
                reporter.startMeasuring(System.currentTimeMillis());
            }
            if (stopRequested && stopAt > now) {
                stopAt = now;
                loops.forEach(l -> l.stop(now));
            }
            if (now >= nextTick) {
                IntervalReporter.Tick tick = reporter.tick(System.currentTimeMillis());
                progress.show(ProgressLine.format((now - runStart) / 1e9, plan.runLength() == null ? Double.NaN
                                : plan.runLength().toNanos() / 1e9, now < measureStart, tick.responses() - lastResponses,
                        percentileMs(tick.corrected(), 50), percentileMs(tick.corrected(), 99),
                        tick.errors(), tick.openConnections()));
                lastResponses = tick.responses();
                nextTick += TICK_NANOS;
            }
            if (abortedAt == 0 && stopAt != Long.MAX_VALUE && now > stopAt + plan.timeout().toNanos() + TICK_NANOS / 5) {
                abortedAt = now;
                loops.forEach(LoadLoop::abort);
            } else if (abortedAt != 0 && now > abortedAt + GIVE_UP_NANOS) {
                err.println("warning: the event loops did not finish; summarising what was recorded");
                break;
            }
            wait = Math.max(0, Math.min(POLL_NANOS, nextTick - System.nanoTime()));
        }

        // Summarise.
        long end = System.nanoTime();
        if (cpuFrom == null) {
            cpuFrom = CpuUsage.sample(threadIds, nativeIds);
            reporter.startMeasuring(System.currentTimeMillis());
        }
        Summary.Cpu cpu = CpuUsage.between(cpuFrom, CpuUsage.sample(threadIds, nativeIds), Runtime.getRuntime().availableProcessors());
        reporter.tick(System.currentTimeMillis());
        progress.end();
        reporter.finish();
        long lastCompletion = finished.getCount() == 0
                ? loops.stream().mapToLong(LoadLoop::lastCompletionNanos).max().orElse(end) : end;
        double windowSeconds = Math.max(0, Math.min(stopAt, lastCompletion) - measureStart) / 1e9;
        Summary summary = SummaryAssembly.assemble(plan, transport, loops, reporter, cpu, budget, warnings,
                startTime, Instant.now(), windowSeconds);
        out.print(SummaryFormatter.format(summary));
        out.flush();
        if (plan.json() != null) {
            AtomicFiles.write(plan.json(), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(summary));
        }
        return summary;
    }

    private static double percentileMs(org.HdrHistogram.Histogram nanos, double percentile) {
        return nanos.getTotalCount() == 0 ? Double.NaN : nanos.getValueAtPercentile(percentile) / 1e6;
    }
}
