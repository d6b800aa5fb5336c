package io.asyncworkbench.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.asyncworkbench.workload.Address;
import io.asyncworkbench.workload.Workload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * What the blog's work function costs one thread per request, and two ways a port of it could
 * have cost many times more.
 *
 * <p><b>The workload.</b> A stage calls {@link Workload#run()} once per {@code GET /data}; if that
 * takes t, one thread cannot answer more than 1/t requests per second however its I/O is done.
 * {@code workload} measures those a server is started with: {@code faithful:100} (the blog's
 * function as printed, and every stage's default), {@code faithful:1000} (as its repository ran it)
 * and the {@code spin} sizes the experiments use ({@code 160us}, {@code 1ms}, {@code 4ms}); the
 * report divides each stage's threads by these costs for its CPU ceiling. The spins also show that
 * the calibration holds: {@code spin} burns CPU time by the thread's own CPU clock, so
 * {@code spin:1ms} should cost 1 ms plus one {@code faithful:100} of CPU time per call.
 *
 * <p><b>Wrong and right: the JSON writer.</b> {@code jsonMapperPerCall} builds an
 * {@link ObjectMapper} for every request, as a literal reading of "serialise the address" might;
 * {@code jsonSharedWriter} serialises with one {@link ObjectWriter} built once, as
 * {@code FaithfulWorkload} does. Same bytes out; the mapper per call builds its serialiser
 * caches again each time.
 *
 * <p><b>Wrong and right: {@code format!}.</b> {@code formatWithStringFormat} is the literal port
 * of Rust's {@code format!("Value: {}", x)}; {@code formatWithConcatenation} is what
 * {@code FaithfulWorkload} uses. {@code String.format} parses its pattern on every call; the
 * concatenation is compiled to a fixed recipe once. The blog's loop does it 100 times per request.
 *
 * <p><b>Is the loop dead code?</b> The blog's loop overwrites {@code y} 100 times and uses only
 * the last value, so, as JMH's {@code JMHSample_08_DeadCode} warns, a compiler could drop the first
 * 99 iterations and the benchmark would measure less than the server is believed to do.
 * {@code loopAsPorted} is that loop as {@code FaithfulWorkload.cpuIntensiveWork} has it (copied:
 * it is package-private there); {@code loopEveryValueConsumed} hands every value to a
 * {@link Blackhole}, so none can be dropped. Run both with {@code -prof gc}: if they allocate the
 * same bytes per call (100 strings), the JIT kept every iteration and {@code faithful} measures
 * the work it claims. On JDK 25 (C2) it does: both allocate 5,520 bytes per call and cost the
 * same CPU time, and {@code faithful:1000} allocates 50,400 bytes more than {@code faithful:100},
 * 56 bytes (one string) for each of the 900 extra iterations. A compiler that did drop them (a
 * future C2, Graal's partial escape analysis) would show it here first.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WorkloadBenchmark {

    /** The workloads a server can be started with, parsed as {@code --workload} parses them. */
    @State(Scope.Thread)
    public static class Workloads {
        @Param({"faithful:100", "faithful:1000", "spin:160us", "spin:1ms", "spin:4ms"})
        public String spec;

        public Workload workload;

        @Setup
        public void parse() {
            workload = Workload.parse(spec);
        }
    }

    @Benchmark
    public byte[] workload(Workloads state) {
        return state.workload.run();
    }

    private static final ObjectWriter SHARED_WRITER = new ObjectMapper().writerFor(Address.class);

    // Fields, not constants, so the JIT cannot fold the computations below away.
    private String city = "Value: 99";
    private int x = 99;
    private int iterations = 100;

    @Benchmark
    public byte[] jsonMapperPerCall() throws JsonProcessingException {
        return new ObjectMapper().writeValueAsBytes(new Address("10 Downing Street", city));
    }

    @Benchmark
    public byte[] jsonSharedWriter() throws JsonProcessingException {
        return SHARED_WRITER.writeValueAsBytes(new Address("10 Downing Street", city));
    }

    @Benchmark
    public String formatWithStringFormat() {
        return String.format("Value: %d", x);
    }

    @Benchmark
    public String formatWithConcatenation() {
        return "Value: " + x;
    }

    @Benchmark
    public String loopAsPorted() {
        String y = "X";
        for (int i = 0; i < iterations; i++) {
            y = "Value: " + i;
        }
        return y;
    }

    @Benchmark
    public void loopEveryValueConsumed(Blackhole blackhole) {
        for (int i = 0; i < iterations; i++) {
            blackhole.consume("Value: " + i);
        }
    }

    /*
     * ============================== HOW TO RUN THIS BENCHMARK ==============================
     *
     *   $ taskset -c 1 java -jar jmh/target/benchmarks.jar WorkloadBenchmark -prof gc -prof io.asyncworkbench.jmh.CpuTimeProfiler
     *
     * workload's score is t, and 1/t one CPU's ceiling for that workload; each pair's scores
     * (and gc.alloc.rate.norm, the bytes allocated per call) show what the wrong way costs.
     */
}
