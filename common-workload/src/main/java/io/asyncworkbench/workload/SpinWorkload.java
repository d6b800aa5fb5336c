package io.asyncworkbench.workload;

import io.asyncworkbench.cli.Durations;
import io.asyncworkbench.cli.WorkloadSpec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * Burns a fixed amount of CPU time on the calling thread, then does the blog's work once
 * (about half a microsecond) for the same JSON.
 *
 * <p>The work is sized in CPU time, not wall time: the loop reads the thread's own CPU clock
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()}), so a thread that is descheduled half-way
 * keeps burning until it has really used {@code cpuTime} of a core. That is what makes
 * {@code spin:4ms} reproduce the blog's "roughly 4 ms of CPU bound time per request" on any
 * machine: one thread then cannot exceed about 250 requests per second.
 *
 * <p>The clock is read once per slice of arithmetic (about a microsecond each) so that its own
 * cost (a system call) stays a small part of the burn.
 *
 * <p>A virtual thread has no CPU clock of its own ({@code getCurrentThreadCpuTime()} is -1 there):
 * it burns a number of slices measured once, on the constructing platform thread, instead.
 */
public final class SpinWorkload implements Workload {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int SLICE_ITERATIONS = 256;

    private final Duration cpuTime;
    private final long cpuTimeNanos;
    private final double nanosPerSlice;
    private final Workload faithful = new FaithfulWorkload(WorkloadSpec.BLOG_ITERATIONS);

    /** Keeps the arithmetic observable so the JIT cannot remove it. */
    @SuppressWarnings("unused")
    private volatile long sink;

    public SpinWorkload(Duration cpuTime) {
        if (cpuTime.isNegative() || cpuTime.isZero()) {
            throw new IllegalArgumentException("spin needs a positive CPU time, was " + Durations.format(cpuTime));
        }
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot read a thread's CPU time, so spin cannot be calibrated");
        }
        this.cpuTime = cpuTime;
        this.cpuTimeNanos = cpuTime.toNanos();
        this.nanosPerSlice = calibrate();
    }

    /** CPU nanoseconds one slice costs: the fastest of a few timed rounds, on this (platform) thread. */
    private double calibrate() {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 4; round++) {
            long startCpuNanos = THREADS.getCurrentThreadCpuTime();
            slices(20_000, startCpuNanos);
            long usedCpuNanos = THREADS.getCurrentThreadCpuTime() - startCpuNanos;
            if (startCpuNanos >= 0 && usedCpuNanos > 0) {
                best = Math.min(best, usedCpuNanos / 20_000.0);
            }
        }
        return best == Double.MAX_VALUE ? 1000 : best;
    }

    private long slices(long count, long seed) {
        long x = seed | 1;
        for (long n = 0; n < count; n++) {
            for (int i = 0; i < SLICE_ITERATIONS; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
        }
        sink = x;
        return x;
    }

    @Override
    public byte[] run() {
        burn(cpuTimeNanos);
        return faithful.run();
    }

    /** Burns {@code nanos} of the calling thread's CPU time; returns the CPU time actually used. */
    public long burn(long nanos) {
        long startCpuNanos = THREADS.getCurrentThreadCpuTime();
        if (startCpuNanos < 0) {
            // A virtual thread: no CPU clock, so burn the calibrated number of slices.
            slices(Math.round(nanos / nanosPerSlice), nanos);
            return nanos;
        }
        long deadlineCpuNanos = startCpuNanos + nanos;
        long x = startCpuNanos;
        long nowCpuNanos;
        do {
            for (int i = 0; i < SLICE_ITERATIONS; i++) {
                // xorshift64: cheap, data-dependent, impossible to fold away.
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            nowCpuNanos = THREADS.getCurrentThreadCpuTime();
        } while (nowCpuNanos < deadlineCpuNanos);
        sink = x;
        return nowCpuNanos - startCpuNanos;
    }

    @Override
    public Duration nominalCpuTime() {
        return cpuTime;
    }

    @Override
    public String spec() {
        return "spin:" + Durations.format(cpuTime);
    }

    @Override
    public String toString() {
        return spec();
    }
}
