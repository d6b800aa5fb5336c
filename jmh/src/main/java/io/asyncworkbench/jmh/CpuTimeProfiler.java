package io.asyncworkbench.jmh;

import com.sun.management.OperatingSystemMXBean;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports, beside JMH's score, the CPU time used per operation:
 * {@code -prof io.asyncworkbench.jmh.CpuTimeProfiler} adds two lines, in ns/op.
 *
 * <p>Why: one thread's ceiling is 1/t, where t is the CPU time one request costs. JMH's score is
 * wall-clock time per operation, which is t only while the benchmark thread has its CPU to
 * itself. On a shared machine the score grows with everybody else's load; the CPU time per
 * operation does not. When the two agree the CPU was quiet; when the score is larger, the thread
 * spent part of each iteration waiting for the CPU, and the CPU time is the cost to quote. On our
 * 2-core machine, busy with other builds, {@code spin:1ms} scored 1.74 ms while its thread used
 * 1.04 ms of CPU per call, close to what the workload's calibration promises.
 *
 * <ul>
 *   <li>{@code cpu.time.norm}: the CPU time of the benchmark's own threads (JMH's
 *       {@code *-jmh-worker-*}), read from the per-thread CPU clocks (nanosecond resolution),
 *       divided by all the operations of the iteration, as JMH's {@code gc.alloc.rate.norm} is.
 *       This is what the serving thread pays.</li>
 *   <li>{@code cpu.process.norm}: the CPU time of the whole forked JVM, which adds the garbage
 *       collector, the JIT compiler and JMH's own threads. A server on one CPU pays its
 *       collector too; the compiler's share is why a benchmark still warming up shows here.
 *       Its clock is coarse (10 ms on Linux), so it needs iterations of a second or more.</li>
 * </ul>
 * Neighbours still cost something neither can see: caches they evict, a slower clock.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final String WORKER = "-jmh-worker-";

    private final Map<Long, Long> workerStartCpuNanos = new HashMap<>();
    private long processStartCpuNanos;

    @Override
    public String getDescription() {
        return "CPU time per operation (benchmark threads, whole JVM), which other load on the machine does not inflate";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        workerStartCpuNanos.clear();
        workerStartCpuNanos.putAll(workerCpuNanos());
        processStartCpuNanos = OS.getProcessCpuTime();
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's interface declares the raw type.
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long processCpuNanos = OS.getProcessCpuTime() - processStartCpuNanos;
        long workersCpuNanos = 0;
        for (Map.Entry<Long, Long> worker : workerCpuNanos().entrySet()) {
            // A worker started during the iteration counts from zero.
            workersCpuNanos += worker.getValue() - workerStartCpuNanos.getOrDefault(worker.getKey(), 0L);
        }
        long operations = result.getMetadata().getAllOps();
        return List.of(perOperation("cpu.time.norm", workersCpuNanos, operations),
                perOperation("cpu.process.norm", processCpuNanos, operations));
    }

    private static ScalarResult perOperation(String label, long cpuNanos, long operations) {
        double nanosPerOperation = operations == 0 ? Double.NaN : (double) cpuNanos / operations;
        return new ScalarResult(label, nanosPerOperation, "ns/op", AggregationPolicy.AVG);
    }

    /** The CPU time so far of each live benchmark thread, by thread id. */
    private static Map<Long, Long> workerCpuNanos() {
        Map<Long, Long> cpuNanos = new HashMap<>();
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().contains(WORKER)) {
                long nanos = THREADS.getThreadCpuTime(thread.getThreadId());
                if (nanos >= 0) {
                    cpuNanos.put(thread.getThreadId(), nanos);
                }
            }
        }
        return cpuNanos;
    }
}
