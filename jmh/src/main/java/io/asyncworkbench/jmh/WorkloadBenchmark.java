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
 * DRAFT
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
        @Param({"faithful:100", "faithful:1000", "spin:1ms"})
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
}
