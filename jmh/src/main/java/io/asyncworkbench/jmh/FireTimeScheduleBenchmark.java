package io.asyncworkbench.jmh;

import io.asyncworkbench.load.FireSchedule;
import io.asyncworkbench.load.Phase;
import org.HdrHistogram.SingleWriterRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the load generator spends per request before and after the network: the send time of the
 * next request in its open-model schedule ({@link FireSchedule}, the generator's own), and the
 * bookkeeping of one response.
 *
 * <p><b>The schedule.</b> At a rate of R requests per second, request {@code i} (from 1) is due
 * {@code ceil(1e9 * i / R)} ns after the start. Computing it from the index, as Hyperfoil does and
 * {@code FireSchedule.nextNanos()} does, costs a division; accumulating {@code next += period}
 * costs an addition, and is the wrong way: the period is rounded once and the rounding error adds
 * up with every request. In whole nanoseconds the drift is slight (30,000 req/s: a period of
 * 33,333 ns instead of 33,333.3, so the schedule runs 10 µs ahead after each second, 6 ms after ten
 * minutes); in whole microseconds, as a timer with microsecond resolution would have it, the period
 * becomes 33 µs and the generator offers 30,303 req/s, 1% more than asked, which is the whole
 * tolerance of the "sustainable rate" criterion. The index-based form never drifts, so the
 * benchmarks below show what that correctness costs: {@code fireSchedule} is the generator's
 * schedule as it runs (its phase lookup included), {@code fireTimeAccumulated} the wrong way, and
 * {@code fireTimeFromIndexExact} the same formula in integers, which the schedule could use instead.
 *
 * <p><b>The bookkeeping.</b> Per response, the generator reads the clock twice (when the request
 * went out and when its response came back) and records two latencies, from the intended send
 * time (corrected for coordinated omission) and from the actual one (uncorrected), as wrk2 does.
 * In this benchmark the schedule runs ahead of the clock, so the corrected latency is clamped to
 * 1 ns; that does not change the cost, which does not depend on the value.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FireTimeScheduleBenchmark {

    static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long RATE_RPS = 30_000;

    // Fields, not constants: the rate is a flag, not something the JIT may fold.
    private long rateRps = RATE_RPS;
    private long periodNanos = NANOS_PER_SECOND / rateRps;

    private final FireSchedule schedule = schedule(rateRps);
    private long index;
    private long nextFireTimeNanos;
    private final long startNanos = System.nanoTime();
    private final SingleWriterRecorder corrected = new SingleWriterRecorder(1, HistogramRecordBenchmark.HIGHEST_TRACKABLE_NANOS,
            HistogramRecordBenchmark.SIGNIFICANT_DIGITS);
    private final SingleWriterRecorder uncorrected = new SingleWriterRecorder(1, HistogramRecordBenchmark.HIGHEST_TRACKABLE_NANOS,
            HistogramRecordBenchmark.SIGNIFICANT_DIGITS);

    /**
     * The generator's open-model schedule at {@code rateRps}, one event loop, in one phase long
     * enough (30 days) that no benchmark run reaches its end.
     */
    static FireSchedule schedule(long rateRps) {
        return FireSchedule.ofPhases(List.of(new Phase(Duration.ofDays(30), rateRps, 0)), 0, 1);
    }

    /** Request {@code index}'s send time, in ns from the start, in integers: exact until {@code index} reaches 9.2 billion. */
    static long fireTimeFromIndexExactNanos(long index, long rateRps) {
        return Math.ceilDiv(NANOS_PER_SECOND * index, rateRps);
    }

    @Benchmark
    public long fireTimeAccumulated() {
        return nextFireTimeNanos += periodNanos;
    }

    @Benchmark
    public long fireSchedule() {
        return schedule.nextNanos();
    }

    @Benchmark
    public long fireTimeFromIndexExact() {
        return fireTimeFromIndexExactNanos(++index, rateRps);
    }

    @Benchmark
    public long clockRead() {
        return System.nanoTime();
    }

    @Benchmark
    public void requestBookkeeping() {
        long intendedNanos = startNanos + schedule.nextNanos();
        long sentNanos = System.nanoTime();
        // ... the request goes out and its response comes back ...
        long receivedNanos = System.nanoTime();
        corrected.recordValue(clamp(receivedNanos - intendedNanos));
        uncorrected.recordValue(clamp(receivedNanos - sentNanos));
    }

    private static long clamp(long latencyNanos) {
        return Math.min(Math.max(latencyNanos, 1), HistogramRecordBenchmark.HIGHEST_TRACKABLE_NANOS);
    }

    /*
     * ============================== HOW TO RUN THIS BENCHMARK ==============================
     *
     *   $ taskset -c 1 java -jar jmh/target/benchmarks.jar FireTimeScheduleBenchmark -prof io.asyncworkbench.jmh.CpuTimeProfiler
     *
     * fireSchedule minus fireTimeAccumulated is what a schedule that cannot drift costs;
     * requestBookkeeping is the generator's own CPU per response, to set against 1/rate.
     */
}
