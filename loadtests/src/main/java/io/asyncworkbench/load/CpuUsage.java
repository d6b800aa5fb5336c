package io.asyncworkbench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the generator, sampled at the start and the end of the measured window: the
 * process (JIT and GC threads included) and each event-loop thread. The difference over the
 * wall time says whether the generator, rather than the server, was the bottleneck; see
 * {@link Warnings}. {@code availableCpus} honours {@code taskset}: the JVM reads its affinity mask.
 */
final class CpuUsage {

    /** One sample: wall clock and CPU times, all in nanoseconds. */
    record Sample(long wallNanos, long processCpuNanos, long[] loopCpuNanos) {
    }

    private CpuUsage() {
    }

    static Sample sample(long[] loopThreadIds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] loopCpu = new long[loopThreadIds.length];
        for (int i = 0; i < loopThreadIds.length; i++) {
            loopCpu[i] = threads.getThreadCpuTime(loopThreadIds[i]);
        }
        return new Sample(System.nanoTime(), processCpuNanos(), loopCpu);
    }

    /** The CPU used between two samples, in percent of one CPU. */
    static Summary.Cpu between(Sample from, Sample to, int availableCpus) {
        double wall = Math.max(1, to.wallNanos() - from.wallNanos());
        double busiest = 0;
        for (int i = 0; i < from.loopCpuNanos().length; i++) {
            busiest = Math.max(busiest, (to.loopCpuNanos()[i] - from.loopCpuNanos()[i]) / wall);
        }
        double process = (to.processCpuNanos() - from.processCpuNanos()) / wall;
        return new Summary.Cpu(availableCpus, Math.round(busiest * 1000) / 10.0, Math.round(process * 1000) / 10.0);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
