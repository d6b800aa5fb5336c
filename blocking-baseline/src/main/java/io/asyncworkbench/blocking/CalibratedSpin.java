package io.asyncworkbench.blocking;

import io.asyncworkbench.workload.FaithfulWorkload;
import io.asyncworkbench.workload.Workload;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A {@code spin:<duration>} workload that virtual threads can run.
 *
 * <p>TODO(core): {@code SpinWorkload} burns until the calling thread's CPU clock has advanced by
 * the duration, but a virtual thread has no CPU clock of its own:
 * {@code ThreadMXBean.getCurrentThreadCpuTime()} returns -1 there, so the loop never ends and
 * pins its carrier thread for good (with one carrier per CPU, two requests stop the server). Until
 * the core handles virtual threads, this stage gives them this workload instead: the same kind of
 * arithmetic, a fixed number of slices of it, as many as took the duration of CPU time when
 * measured on a platform thread at startup; then the blog's work for the same JSON.
 *
 * <pre>{@code
 * Workload work = CalibratedSpin.forVirtualThreads(Workload.parse("spin:1ms"));
 * // on this machine: ~4,000 slices of 256 xorshift rounds per request
 * }</pre>
 */
final class CalibratedSpin implements Workload {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int SLICE_ITERATIONS = 256;
    /** Slices per calibration round; rounds repeat so the JIT has compiled the loop before the last one. */
    private static final int CALIBRATION_SLICES = 100_000;
    private static final int CALIBRATION_ROUNDS = 4;

    private final Workload spin;
    private final Workload json = new FaithfulWorkload(FaithfulWorkload.BLOG_ITERATIONS);
    private final long slices;

    /** Keeps the arithmetic observable so the JIT cannot remove it. */
    @SuppressWarnings("unused")
    private volatile long sink;

    private CalibratedSpin(Workload spin) {
        this.spin = spin;
        double nanosPerSlice = Double.MAX_VALUE;
        for (int round = 0; round < CALIBRATION_ROUNDS; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            burn(CALIBRATION_SLICES);
            nanosPerSlice = Math.min(nanosPerSlice, (THREADS.getCurrentThreadCpuTime() - start) / (double) CALIBRATION_SLICES);
        }
        this.slices = Math.max(1, Math.round(spin.nominalCpuTime().toNanos() / nanosPerSlice));
    }

    /**
     * {@code workload} itself when it does not spin; else a calibrated spin of the same CPU time,
     * measured now on the calling (platform) thread.
     */
    static Workload forVirtualThreads(Workload workload) {
        return workload.nominalCpuTime().isZero() ? workload : new CalibratedSpin(workload);
    }

    /** Slices of arithmetic per request. */
    long slices() {
        return slices;
    }

    @Override
    public byte[] run() {
        burn(slices);
        return json.run();
    }

    private void burn(long count) {
        long x = count | 1;
        for (long slice = 0; slice < count; slice++) {
            for (int i = 0; i < SLICE_ITERATIONS; i++) {
                // xorshift64, as SpinWorkload: cheap, data-dependent, impossible to fold away.
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
        }
        sink = x;
    }

    @Override
    public java.time.Duration nominalCpuTime() {
        return spin.nominalCpuTime();
    }

    @Override
    public String spec() {
        return spin.spec();
    }
}
