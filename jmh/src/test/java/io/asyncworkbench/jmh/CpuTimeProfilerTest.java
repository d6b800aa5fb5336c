package io.asyncworkbench.jmh;

import io.asyncworkbench.workload.SpinWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.Result;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class CpuTimeProfilerTest {

    private static final long BURN_NANOS = 50_000_000;
    private static final long OPERATIONS = 1_000;

    private final CpuTimeProfiler profiler = new CpuTimeProfiler();

    @Test
    void shouldCountTheWorkersCpuTime_perOperation() throws Exception {
        List<Result<?>> results = burnIn("Bench.method-jmh-worker-1");
        Result<?> workers = results.get(0);
        assertEquals("cpu.time.norm", workers.getLabel());
        assertEquals("ns/op", workers.getScoreUnit());
        // The worker burned 50 ms of its own CPU clock: 50 µs per operation, and a little more
        // (the thread's start, the clock reads).
        assertTrue(workers.getScore() >= BURN_NANOS / (double) OPERATIONS, workers.toString());
        assertTrue(workers.getScore() < 2 * BURN_NANOS / (double) OPERATIONS, workers.toString());
        Result<?> process = results.get(1);
        assertEquals("cpu.process.norm", process.getLabel());
        assertTrue(process.getScore() > 0, process.toString());
    }

    @Test
    void shouldIgnoreOtherThreads_whenTheyAreNotBenchmarkWorkers() throws Exception {
        List<Result<?>> results = burnIn("some-other-thread");
        assertEquals(0.0, results.get(0).getScore());
    }

    @Test
    void shouldReportNotANumber_whenNoOperationRan() {
        profiler.beforeIteration(null, null);
        assertTrue(Double.isNaN(afterIteration(0).get(0).getScore()));
    }

    /** Runs one "iteration" in which a thread of that name burns 50 ms of CPU time. */
    private List<Result<?>> burnIn(String threadName) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, threadName));
        try {
            thread.submit(() -> { }).get(); // the thread exists before the iteration, as JMH's workers do
            profiler.beforeIteration(null, null);
            thread.submit(() -> new SpinWorkload(Duration.ofMillis(50)).burn(BURN_NANOS)).get();
            return afterIteration(OPERATIONS);
        } finally {
            thread.shutdown();
            assertTrue(thread.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    @SuppressWarnings("unchecked")
    private List<Result<?>> afterIteration(long operations) {
        IterationResult iteration = new IterationResult(null, null, new IterationResultMetaData(operations, operations));
        return (List<Result<?>>) profiler.afterIteration(null, null, iteration);
    }
}
