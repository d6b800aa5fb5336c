package io.asyncworkbench.load;

import io.netty.channel.EventLoop;

import java.util.concurrent.TimeUnit;

/**
 * Wakes an event loop on time for its next arrival. A scheduled task on Netty's event loop
 * (epoll's timerfd, io_uring's timeout, NIO's select timeout) sleeps in the kernel, and Linux
 * lets a sleeping thread's timer fire up to its <em>timer slack</em> late (50 µs by default,
 * {@code /proc/PID/timerslack_ns}) so that wake-ups can be batched; the wake-up itself adds a few
 * more. Measured on the 2-CPU test machine: a Netty epoll task scheduled every 0.2-1 ms ran
 * 60-90 µs late at the median, which was the whole of the generator's median send lag.
 *
 * <p>So the loop asks the timer to wake it {@link #leadNanos()} early and spins the rest
 * ({@link #await}), as latency-critical Java code does (Aeron's idle strategies). The lead
 * learns the timer: after each wake-up the loop reports how late the timer was
 * ({@link #woke}), and the lead follows the 90th percentile of that lateness with a
 * frugal streaming estimate (Ma, Muthukrishnan, Sandler 2013): up 9 µs when a wake-up was later
 * than the lead, down 1 µs when it was earlier, so it settles where 9 in 10 are earlier. It
 * stays within {@code [0, MAX_LEAD_NANOS]}, so a stall (a GC pause, another process on the CPU)
 * moves it by one step, not by the stall, and the spin per arrival stays bounded.
 *
 * <p>For example with a 55 µs lead and a timer that is 50-60 µs late, an arrival due at
 * t = 1,000 µs is asked for at 945 µs, the thread wakes at 995-1,005 µs and spins at most 5 µs;
 * without the lead it would have sent at 1,050-1,060 µs. At 5,000 arrivals/s that spin costs
 * about 2.5% of a CPU.
 *
 * <p>One instance per event loop, used only by its thread: plain fields, and nothing allocated
 * but the scheduled task the loop always created per wake-up.
 */
final class ArrivalClock {

    /** Returned by {@link #await} when the arrival is not due yet and the timer will run the task. */
    static final long SCHEDULED = Long.MIN_VALUE;

    /** The most the timer is asked to wake early, so the most spun per arrival. */
    static final long MAX_LEAD_NANOS = 200_000;
    /** Where the lead starts: Linux's default timer slack, plus a wake-up. */
    static final long INITIAL_LEAD_NANOS = 60_000;
    /** The estimate's step when a wake-up was early; a late one moves it {@link #QUANTILE_STEPS} times as far. */
    static final long STEP_NANOS = 1_000;
    /** 9 up for 1 down: the 90th percentile. */
    static final int QUANTILE_STEPS = 9;

    private static final long NONE = Long.MIN_VALUE;

    private final EventLoop eventLoop;
    private final Runnable wakeTask;
    private long leadNanos = INITIAL_LEAD_NANOS;
    private long wakeAtNanos = NONE;

    /** A clock that runs {@code wakeTask} on {@code eventLoop} when it schedules a wake-up. */
    ArrivalClock(EventLoop eventLoop, Runnable wakeTask) {
        this.eventLoop = eventLoop;
        this.wakeTask = wakeTask;
    }

    /**
     * Waits for an arrival at {@code arrivalNanos}, now being {@code nowNanos}: spins and returns
     * the time once it has come if it is within the lead and {@code maySpin}, else schedules the
     * wake task and returns {@link #SCHEDULED}. The loop passes {@code maySpin} only for the
     * first arrival of a wake-up: arrivals closer together than the lead are left to the timer
     * (with no lead), so the loop still reads its connections in between and does not spin a
     * whole CPU away at high rates.
     */
    long await(long arrivalNanos, long nowNanos, boolean maySpin) {
        long leadWakeNanos = wakeAt(arrivalNanos);
        if (leadWakeNanos <= nowNanos && maySpin) {
            return spinUntil(arrivalNanos);
        }
        wakeAtNanos = leadWakeNanos > nowNanos ? leadWakeNanos : arrivalNanos;
        eventLoop.schedule(wakeTask, wakeAtNanos - nowNanos, TimeUnit.NANOSECONDS);
        return SCHEDULED;
    }

    /** How early the timer is asked to wake the loop. */
    long leadNanos() {
        return leadNanos;
    }

    /** When the timer is asked to wake the loop for an arrival at {@code arrivalNanos}. */
    long wakeAt(long arrivalNanos) {
        return arrivalNanos - leadNanos;
    }

    /** The loop woke at {@code nowNanos}; if a timer was pending, its lateness moves the lead. */
    void woke(long nowNanos) {
        if (wakeAtNanos == NONE) {
            return;
        }
        long lateNanos = nowNanos - wakeAtNanos;
        wakeAtNanos = NONE;
        if (lateNanos > leadNanos) {
            leadNanos = Math.min(MAX_LEAD_NANOS, leadNanos + QUANTILE_STEPS * STEP_NANOS);
        } else {
            leadNanos = Math.max(0, leadNanos - STEP_NANOS);
        }
    }

    /** Spins until {@code deadlineNanos} and returns the time then; the caller keeps the wait under the lead. */
    static long spinUntil(long deadlineNanos) {
        long nowNanos;
        while ((nowNanos = System.nanoTime()) < deadlineNanos) {
            Thread.onSpinWait();
        }
        return nowNanos;
    }
}
