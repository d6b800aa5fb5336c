package io.asyncworkbench.load;

import io.asyncworkbench.transport.Transport;
import io.netty.channel.EventLoop;

import java.util.concurrent.TimeUnit;

/**
 * The generator on one event loop: users arrive on the {@link FireSchedule}, each sends its
 * session's requests one after another through the loop's {@link ConnectionPool}, and every
 * outcome is recorded in the loop's {@link LoopStats}. Every method runs on the loop's thread.
 *
 * <p>A user's first request is intended at its arrival time, each later one when the previous
 * finished. Latency is measured from that intended time (corrected) and from the moment the
 * request went out on a connection (uncorrected); how late the loop noticed an arrival is the
 * send lag. Requests intended until the end of {@code --warmup} are not recorded. The loop's
 * timer is asked to wake it a little before each arrival and it spins the rest ({@link ArrivalClock}),
 * so the kernel's timer slack does not make every request late.
 *
 * <p>After {@code sendEndNanos} no request starts; the loop has finished when no arrival is left and
 * every user has left, and then runs {@code onFinished}.
 */
final class LoadLoop implements ConnectionPool.Outcomes {

    private static final long NEVER = Long.MAX_VALUE;

    private final EventLoop eventLoop;
    private final LoadPlan plan;
    private final int loop;
    private final int loops;
    private final LoopStats stats = new LoopStats();
    private final FireSchedule arrivals;
    private final ConnectionPool pool;
    private final long timeoutNanos;
    private final Runnable onFinished;
    private final ArrivalClock clock;

    private int activeUsers;
    private long runStartNanos;
    private long measureAfterNanos;
    private long sendEndNanos = NEVER;
    private long nextArrivalNanos = NEVER;
    private long lastCompletionNanos;
    private boolean started;
    private boolean finished;
    private Runnable onPrimed;

    LoadLoop(LoadPlan plan, Transport resolved, EventLoop eventLoop, int loop, int loops, Runnable onFinished) {
        this.eventLoop = eventLoop;
        this.plan = plan;
        this.loop = loop;
        this.loops = loops;
        this.arrivals = plan.arrivals(loop, loops);
        this.pool = new ConnectionPool(this, plan, new ClientChannels(plan, resolved, eventLoop), eventLoop, loop, loops);
        this.timeoutNanos = plan.timeout().toNanos();
        this.onFinished = onFinished;
        this.clock = new ArrivalClock(eventLoop, this::arrive);
    }

    LoopStats stats() {
        return stats;
    }

    EventLoop eventLoop() {
        return eventLoop;
    }

    /** When the last request finished or failed; read after {@code onFinished} ran. */
    long lastCompletionNanos() {
        return lastCompletionNanos;
    }

    /**
     * Sends one unrecorded request and runs {@code primed} when it has finished or failed: the
     * classes of the whole path are loaded and a first connection is open before the clock
     * starts, so the schedule does not begin with a stall (TechEmpower's primer).
     */
    void prime(Runnable primed) {
        eventLoop.execute(() -> {
            measureAfterNanos = NEVER;
            onPrimed = primed;
            long sweepNanos = Math.clamp(timeoutNanos / 10, TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.MILLISECONDS.toNanos(100));
            eventLoop.scheduleAtFixedRate(() -> pool.sweep(System.nanoTime(), timeoutNanos), sweepNanos, sweepNanos,
                    TimeUnit.NANOSECONDS);
            activeUsers++;
            long nowNanos = System.nanoTime();
            pool.submit(nowNanos, 0, nowNanos);
        });
    }

    /**
     * Starts arrivals at {@code startNanos}; only requests intended after {@code measureFromNanos}
     * are recorded, and none start after {@code sendUntilNanos}. The windows are half-open like the
     * schedule's phases: an arrival exactly at the end of the warmup belongs to the warmup, one
     * exactly at the end of the run to the run.
     */
    void start(long startNanos, long measureFromNanos, long sendUntilNanos) {
        eventLoop.execute(() -> {
            started = true;
            onPrimed = null; // the run no longer waits for it
            runStartNanos = startNanos;
            measureAfterNanos = measureFromNanos;
            sendEndNanos = sendUntilNanos;
            lastCompletionNanos = startNanos;
            nextArrivalNanos = after(arrivals.nextNanos());
            pool.holdIdle(plan.holdIdleOnLoop(loop, loops), stats::idleHeld);
            arrive();
        });
    }

    /** Stops sending new requests at {@code atNanos}; requests in flight or waiting may still finish. */
    void stop(long atNanos) {
        eventLoop.execute(() -> {
            sendEndNanos = Math.min(sendEndNanos, atNanos);
            checkFinished();
        });
    }

    /** Gives up on everything still in flight or waiting: the drain after the run took too long. */
    void abort() {
        eventLoop.execute(() -> {
            long nowNanos = System.nanoTime();
            sendEndNanos = Math.min(sendEndNanos, nowNanos);
            pool.sweep(nowNanos, -1);
            checkFinished();
        });
    }

    private void arrive() {
        long nowNanos = System.nanoTime();
        clock.woke(nowNanos);
        boolean firstArrival = true;
        for (;;) {
            if (arrivalsDone()) {
                checkFinished();
                return;
            }
            if (nextArrivalNanos > nowNanos) {
                nowNanos = clock.await(nextArrivalNanos, nowNanos, firstArrival);
                if (nowNanos == ArrivalClock.SCHEDULED) {
                    return;
                }
            }
            firstArrival = false;
            boolean measured = nextArrivalNanos > measureAfterNanos;
            if (measured) {
                stats.sendLag(nowNanos - nextArrivalNanos);
            }
            if (activeUsers < plan.maxUsers(arrivals.phase(), loop, loops)) {
                activeUsers++;
                int session = plan.sessionRequests();
                send(nextArrivalNanos, session == ArrivalProfile.FOREVER ? -1 : session - 1, nowNanos);
            } else if (measured) {
                stats.skippedArrival();
            }
            nextArrivalNanos = after(arrivals.nextNanos());
            nowNanos = System.nanoTime();
        }
    }

    private long after(long offsetNanos) {
        return offsetNanos == FireSchedule.DONE ? NEVER : runStartNanos + offsetNanos;
    }

    private boolean arrivalsDone() {
        return nextArrivalNanos == NEVER || nextArrivalNanos > sendEndNanos;
    }

    private void send(long intendedNanos, int remainingAfter, long nowNanos) {
        if (intendedNanos > measureAfterNanos) {
            stats.request();
        }
        pool.submit(intendedNanos, remainingAfter, nowNanos);
    }

    @Override
    public void responded(int status, long intendedNanos, long startNanos, int remainingAfter, long nowNanos) {
        stats.anyResponse();
        if (intendedNanos > measureAfterNanos) {
            stats.response(status, nowNanos - intendedNanos, nowNanos - startNanos);
        }
        if (nowNanos > measureAfterNanos && nowNanos <= sendEndNanos) {
            stats.completedInWindow();
        }
        lastCompletionNanos = nowNanos;
        continueSession(remainingAfter, nowNanos);
    }

    @Override
    public void requestFailed(long intendedNanos, int remainingAfter, ErrorClass errorClass, Throwable cause, long nowNanos) {
        if (intendedNanos > measureAfterNanos) {
            stats.error(errorClass, cause);
        }
        lastCompletionNanos = nowNanos;
        continueSession(remainingAfter, nowNanos);
    }

    @Override
    public void connectionOpened(int openNow, long nowNanos) {
        if (nowNanos > measureAfterNanos) {
            stats.connectionOpened();
        }
        stats.openConnections(openNow);
    }

    @Override
    public void openConnections(int openNow) {
        stats.openConnections(openNow);
    }

    /** The user sends its next request, or leaves when its session is done or the run is over. */
    private void continueSession(int remainingAfter, long nowNanos) {
        // Strictly before the end: after stop() or abort() set the end to now, no user starts again.
        if (remainingAfter != 0 && nowNanos < sendEndNanos) {
            send(nowNanos, remainingAfter < 0 ? -1 : remainingAfter - 1, nowNanos);
        } else {
            activeUsers--;
            if (onPrimed != null && activeUsers == 0) {
                Runnable primed = onPrimed;
                onPrimed = null;
                primed.run();
            }
            checkFinished();
        }
    }

    private void checkFinished() {
        if (started && !finished && arrivalsDone() && activeUsers == 0) {
            finished = true;
            onFinished.run();
        }
    }
}
