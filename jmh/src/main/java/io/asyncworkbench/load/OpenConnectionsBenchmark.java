package io.asyncworkbench.load;

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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The connection pool's bookkeeping alone, the wrong way beside the right way: what it costs to
 * close one of {@code held} open connections and open another in its place.
 *
 * <p>The wrong way is how the pool kept them until issue 17: an {@link ArrayList} of the open
 * connections and an {@link ArrayDeque} of the idle ones. Closing one is {@code remove(Object)}
 * on both, which scans for it and then shifts the ones after it: work in proportion to
 * {@code held}. The right way is {@link OpenConnections}: each connection knows its slot, the
 * last one moves into a freed slot, and the idle ones are linked through the connections, so a
 * close and an open cost the same with 20 connections held or 2,000.
 *
 * <p>Which connection closes is picked at random: responses do not come back in the order their
 * requests went out. Two cases: the connection was busy (its response closed it:
 * {@code --client-close}, {@code --connection-close}), or idle (the server's idle timeout closed
 * it, and the next request opens a new one). {@link ConnectionPoolBenchmark} measures the whole
 * pool, channels and HTTP codec included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OpenConnectionsBenchmark {

    @Param({"20", "2000"})
    public int held;

    /** Whether the connection that closes was busy (its response closed it) or idle (the server's timeout did). */
    @Param({"busy", "idle"})
    public String closes;

    private final SplittableRandom random = new SplittableRandom(17);
    private final List<Connection> openList = new ArrayList<>();
    private final ArrayDeque<Connection> idleDeque = new ArrayDeque<>();
    private final OpenConnections open = new OpenConnections();
    private Connection[] connections;
    private boolean idle;

    @Setup
    public void openAll() {
        idle = "idle".equals(closes);
        connections = new Connection[held];
        for (int i = 0; i < held; i++) {
            connections[i] = new Connection(null);
            openList.add(connections[i]);
            open.add(connections[i]);
            if (idle) {
                idleDeque.addLast(connections[i]);
                open.pushIdle(connections[i]);
            }
        }
    }

    /** Wrong: one closes and another opens in its place (the same object, as far as the bookkeeping goes). */
    @Benchmark
    public int listAndDeque() {
        Connection c = connections[random.nextInt(held)];
        openList.remove(c);
        openList.add(c);
        if (idle) {
            idleDeque.remove(c);
            idleDeque.addLast(c);
        }
        return openList.size();
    }

    /** Right: the same in {@link OpenConnections}. */
    @Benchmark
    public int openConnections() {
        Connection c = connections[random.nextInt(held)];
        open.remove(c);
        open.add(c);
        if (idle) {
            open.pushIdle(c);
        }
        return open.size();
    }

    /*
     * ============================== HOW TO RUN THIS BENCHMARK ==============================
     *
     *   $ nice -n 19 java -jar jmh/target/benchmarks.jar OpenConnectionsBenchmark -prof io.asyncworkbench.jmh.CpuTimeProfiler
     *
     * Per method and closes, the ratio of the score at held=2000 to the score at held=20: about 1
     * for openConnections, and growing with held for listAndDeque.
     */
}
