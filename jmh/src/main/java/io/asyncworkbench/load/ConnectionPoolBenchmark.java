package io.asyncworkbench.load;

import io.asyncworkbench.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.ReferenceCountUtil;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What the load generator's connection pool costs per response, with 20 or 2,000 users: the
 * cost must not grow with the number of connections the pool holds.
 *
 * <p>A closed model of {@code users} users, each with a request in flight on a connection of its
 * own, as in the book experiment (2,000 users). One benchmark call answers one of them, picked at
 * random (latencies vary, so responses do not come back in the order the requests went out); the
 * pool hands the response on and the user sends its next request:
 * <ul>
 *   <li>{@code keep-alive}: on the same connection, which goes idle and is taken again at once:
 *       the cost of one request on a warm connection;</li>
 *   <li>{@code client-close}: the pool closes the connection ({@code --client-close}, as the
 *       ephemeral-ports experiment runs) and opens a new one for the next request: the cost of one
 *       connection closed and one opened, besides the request.</li>
 * </ul>
 *
 * <p>The pool runs as in a run, on {@link EmbeddedChannel}s instead of sockets: each channel's
 * pipeline is the one {@link ClientChannels} builds, the request goes out through it and the
 * response comes in as bytes ({@code HTTP/1.1 200 OK}, no body) through its decoder. So a score
 * includes a channel's construction and the HTTP codec, the same at every {@code users}; what
 * changes with {@code users} is the pool's own bookkeeping. Compare the scores at 20 and 2,000
 * users, not with other benchmarks; {@code -prof gc} gives the bytes allocated per call.
 *
 * <p>The class sits in the generator's package, {@code io.asyncworkbench.load}, not in
 * {@code io.asyncworkbench.jmh}: the pool is package-private there, and stays so.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConnectionPoolBenchmark {

    static final String RESPONSE = "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n";

    @Param({"20", "2000"})
    public int users;

    @Param({"keep-alive", "client-close"})
    public String connections;

    private final SplittableRandom random = new SplittableRandom(17);
    private ConnectionPool pool;
    private ClientChannels pipelines;
    private ByteBuf response;
    /** The channel each user's request is in flight on. */
    private EmbeddedChannel[] inFlight;
    /** The channel the pool opened last. */
    private EmbeddedChannel opened;
    private int openConnections;
    private long responses;

    @Setup
    public void fillThePool() {
        LoadPlan plan = plan(users, "client-close".equals(connections));
        pipelines = new ClientChannels(plan, Transport.NIO, null);
        pool = new ConnectionPool(new Users(), plan, this::connect, new EmbeddedChannel().eventLoop(), 0, 1);
        byte[] bytes = RESPONSE.getBytes(StandardCharsets.US_ASCII);
        response = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
        inFlight = new EmbeddedChannel[users];
        for (int i = 0; i < users; i++) {
            long nowNanos = System.nanoTime();
            pool.submit(nowNanos, -1, nowNanos);
            inFlight[i] = opened;
            takeRequest(opened);
        }
        // Fail before measuring if the pool does not do what the scores are said to mean.
        for (int i = 0; i < users * 3; i++) {
            answerOne();
        }
        if (openConnections != users || responses != users * 3L) {
            throw new IllegalStateException(openConnections + " connections open after " + responses
                    + " responses; expected " + users + " after " + users * 3);
        }
    }

    /** A plan for a closed model of {@code users} users and as many connections, each closed after its response or not. */
    static LoadPlan plan(int users, boolean clientClose) {
        return new LoadPlan(URI.create("http://127.0.0.1:8080/data"), HttpMethod.GET, List.of(), LoadPlan.Model.CLOSED,
                0, users, 0, Duration.ZERO, null, null, Duration.ZERO, null, Duration.ofSeconds(10), 1, users, false,
                clientClose, 0, List.of(), Transport.NIO, null, null, null, "jmh");
    }

    @Benchmark
    public int answerOne() {
        int user = random.nextInt(users);
        EmbeddedChannel channel = inFlight[user];
        opened = null;
        // The response; the pool passes it on, and the user's next request goes out.
        channel.writeInbound(response.retainedDuplicate());
        if (opened != null) {
            channel = opened;
            inFlight[user] = channel;
        }
        takeRequest(channel);
        return openConnections;
    }

    /** Reads the request the pool wrote on {@code channel}, as the server would. */
    private static void takeRequest(EmbeddedChannel channel) {
        Object request = channel.readOutbound();
        if (request == null) {
            throw new IllegalStateException("no request on " + channel);
        }
        do {
            ReferenceCountUtil.release(request);
        } while ((request = channel.readOutbound()) != null);
    }

    /** Connects at once: the pipeline of a real connection, on an embedded channel. */
    private ChannelFuture connect(InetSocketAddress local, ChannelHandler connection) {
        opened = new EmbeddedChannel();
        pipelines.addHandlers(opened.pipeline(), connection);
        return opened.newSucceededFuture();
    }

    long responses() {
        return responses;
    }

    int openConnections() {
        return openConnections;
    }

    @TearDown
    public void release() {
        response.release();
    }

    /** Users that send again as soon as their request is answered, forever. */
    private final class Users implements ConnectionPool.Outcomes {

        @Override
        public void connectionOpened(int openNow, long nowNanos) {
            openConnections = openNow;
        }

        @Override
        public void openConnections(int openNow) {
            openConnections = openNow;
        }

        @Override
        public void responded(int status, long intendedNanos, long startNanos, int remainingAfter, long nowNanos) {
            responses++;
            pool.submit(nowNanos, -1, nowNanos);
        }

        @Override
        public void requestFailed(long intendedNanos, int remainingAfter, ErrorClass errorClass, Throwable cause, long nowNanos) {
            throw new IllegalStateException("request failed: " + errorClass, cause);
        }
    }

    /*
     * ============================== HOW TO RUN THIS BENCHMARK ==============================
     *
     *   $ nice -n 19 java -jar jmh/target/benchmarks.jar ConnectionPoolBenchmark -prof gc
     *
     * Read the ratio of the score at users=2000 to the score at users=20, per connections mode:
     * 1 when the pool's work per response does not depend on how many connections it holds.
     * gc.alloc.rate.norm is the bytes allocated per response, the embedded channel's included.
     */
}
