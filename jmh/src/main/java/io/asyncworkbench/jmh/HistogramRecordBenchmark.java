package io.asyncworkbench.jmh;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What recording one latency costs, in the histogram each server thread keeps and in the one a
 * thread-per-connection server shares.
 *
 * <p>Every request a server answers ends with one {@code recordValue} (its service time), and
 * every response the load generator reads with two (corrected and uncorrected latency). The
 * histograms are configured as the servers configure them: 1 ns to 60 s, 3 significant digits.
 * The recorded values cycle through 1,024 latencies between 20 µs and 2 ms, so the counts touched
 * are spread as a real run spreads them.
 *
 * <p>Single-threaded, three ways to record, from the floor up:
 * <ul>
 *   <li>{@code histogram}: a plain {@link Histogram}, safe for nobody but its owner and unreadable
 *       while it is written: the floor;</li>
 *   <li>{@code singleWriterRecorder}: what each event loop uses ({@code ThreadMetrics}, one writer):
 *       the floor plus the writer's side of a phaser, so another thread can take an interval
 *       histogram at any time;</li>
 *   <li>{@code recorder}: what the blocking stage shares among its threads ({@link Recorder}, any
 *       number of writers): atomic increments instead of plain ones.</li>
 * </ul>
 *
 * <p>Then contended, two threads at once (run on two CPUs, or the threads take turns and nothing
 * contends). The wrong way is {@code sharedRecorder}: both threads record into one
 * {@link Recorder}, so every record bounces the phaser counter's cache line and the counts' lines
 * between the cores. The right way is {@code recorderPerThread}: each thread records into its own
 * {@link SingleWriterRecorder} and a reader merges them, which is what {@code ServerMetrics} does
 * (one {@code ThreadMetrics} per event loop). Two threads sharing one {@link SingleWriterRecorder}
 * would be faster still, and wrong: its increments are not atomic, so counts get lost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HistogramRecordBenchmark {

    /** The servers' range: 1 ns to 60 s ({@code DurationSummary.MAX_TRACKED_NANOS}), 3 digits. */
    static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final int SIGNIFICANT_DIGITS = 3;

    /** One thread's histograms and the latencies it records, cycled. */
    @State(Scope.Thread)
    public static class PerThread {
        final Histogram histogram = new Histogram(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
        final SingleWriterRecorder singleWriterRecorder = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
        final Recorder recorder = new Recorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
        final long[] latenciesNanos = new long[1024];
        int next;

        @Setup
        public void latencies() {
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < latenciesNanos.length; i++) {
                latenciesNanos[i] = random.nextLong(20_000, 2_000_000);
            }
        }

        long nextLatencyNanos() {
            return latenciesNanos[next++ & (latenciesNanos.length - 1)];
        }
    }

    /** One {@link Recorder} for every thread of the group. */
    @State(Scope.Group)
    public static class Shared {
        final Recorder recorder = new Recorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    @Benchmark
    public void histogram(PerThread state) {
        state.histogram.recordValue(state.nextLatencyNanos());
    }

    @Benchmark
    public void singleWriterRecorder(PerThread state) {
        state.singleWriterRecorder.recordValue(state.nextLatencyNanos());
    }

    @Benchmark
    public void recorder(PerThread state) {
        state.recorder.recordValue(state.nextLatencyNanos());
    }

    @Benchmark
    @Group("sharedRecorder")
    @GroupThreads(2)
    public void sharedRecorder(Shared shared, PerThread state) {
        shared.recorder.recordValue(state.nextLatencyNanos());
    }

    @Benchmark
    @Threads(2)
    public void recorderPerThread(PerThread state) {
        state.singleWriterRecorder.recordValue(state.nextLatencyNanos());
    }

    /*
     * ============================== HOW TO RUN THIS BENCHMARK ==============================
     *
     *   $ taskset -c 1   java -jar jmh/target/benchmarks.jar 'HistogramRecordBenchmark.(histogram|singleWriterRecorder|recorder)$'
     *   $ taskset -c 0,1 java -jar jmh/target/benchmarks.jar 'HistogramRecordBenchmark.(sharedRecorder|recorderPerThread)'
     *
     * (add -prof io.asyncworkbench.jmh.CpuTimeProfiler for the CPU time per record). With two
     * threads the score is each thread's average time per record: compare
     * sharedRecorder with recorderPerThread, and both with the single-threaded recorders.
     */
}
