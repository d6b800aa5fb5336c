package io.asyncworkbench.load;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the generator, sampled at the start and the end of the measured window: the
 * process (JIT and GC threads included), each event-loop thread, and how long each event loop
 * was ready to run but waited for a CPU (Linux's {@code /proc/self/task/TID/schedstat}).
 *
 * <p>The difference over the wall time says whether the generator, rather than the server, was
 * the bottleneck ({@link Warnings}): a loop busy 95% of the time is saturated; a loop busy 20%
 * that waited 60% for a CPU was starved by other processes on its CPU, which CPU time alone
 * would hide. {@code availableCpus} honours {@code taskset}: the JVM reads its affinity mask.
 */
final class CpuUsage {

    /** One sample: wall clock, CPU times and run-queue waits, all in nanoseconds. */
    record Sample(long wallNanos, long processCpuNanos, long[] loopCpuNanos, long[] loopWaitNanos, long jitMillis) {
    }

    private CpuUsage() {
    }

    /** The Linux thread id of the calling thread, or -1 where {@code /proc/thread-self} does not exist. */
    static long nativeThreadId() {
        try {
            Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            return Long.parseLong(link.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static Sample sample(long[] loopThreadIds, long[] loopNativeIds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] loopCpu = new long[loopThreadIds.length];
        long[] loopWait = new long[loopThreadIds.length];
        for (int i = 0; i < loopThreadIds.length; i++) {
            loopCpu[i] = threads.getThreadCpuTime(loopThreadIds[i]);
            loopWait[i] = runQueueWaitNanos(loopNativeIds[i]);
        }
        return new Sample(System.nanoTime(), processCpuNanos(), loopCpu, loopWait,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
    }

    /** The CPU used between two samples, in percent of one CPU. */
    static Summary.Cpu between(Sample from, Sample to, int availableCpus) {
        double wall = Math.max(1, to.wallNanos() - from.wallNanos());
        double busiest = 0;
        double waited = 0;
        for (int i = 0; i < from.loopCpuNanos().length; i++) {
            busiest = Math.max(busiest, (to.loopCpuNanos()[i] - from.loopCpuNanos()[i]) / wall);
            waited = Math.max(waited, (to.loopWaitNanos()[i] - from.loopWaitNanos()[i]) / wall);
        }
        double process = (to.processCpuNanos() - from.processCpuNanos()) / wall;
        return new Summary.Cpu(availableCpus, percent(busiest), percent(process), percent(waited), to.jitMillis() - from.jitMillis());
    }

    /** The second field of {@code schedstat}: nanoseconds spent runnable on a run queue; 0 where unknown. */
    static long parseRunQueueWait(String schedstat) {
        String[] fields = schedstat.trim().split("\\s+");
        return fields.length >= 2 ? Long.parseLong(fields[1]) : 0;
    }

    private static long runQueueWaitNanos(long nativeId) {
        if (nativeId < 0) {
            return 0;
        }
        // Not Files.readString: /proc files report size 0.
        try (InputStream in = Files.newInputStream(Path.of("/proc/self/task/" + nativeId + "/schedstat"))) {
            return parseRunQueueWait(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double percent(double fraction) {
        return Math.round(fraction * 1000) / 10.0;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
