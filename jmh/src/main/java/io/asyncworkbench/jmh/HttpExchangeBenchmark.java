package io.asyncworkbench.jmh;

import io.asyncworkbench.http.HttpLimits;
import io.asyncworkbench.http.HttpServerContext;
import io.asyncworkbench.http.HttpServerInitializer;
import io.asyncworkbench.http.RequestExecutor;
import io.asyncworkbench.http.Router;
import io.asyncworkbench.metrics.ServerMetrics;
import io.asyncworkbench.workload.Workload;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
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

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.1 exchange through the pipeline every Netty stage shares, without a socket: what a
 * request costs above the work itself.
 *
 * <p>An {@link EmbeddedChannel} runs the real {@link HttpServerInitializer} (Netty's codec with the
 * server's limits, then the shared {@code HttpServerHandler} and {@link Router}) on the calling
 * thread. One benchmark call writes the bytes of a keep-alive {@code GET /data}, which the
 * pipeline decodes, routes, serves (recording the service time in the thread's metrics), encodes
 * and flushes; the call then reads the response bytes and releases them. Two workloads:
 * <ul>
 *   <li>{@code faithful:100}: what a stage does per request, minus the system calls;</li>
 *   <li>{@code constant}: a workload that returns the same JSON bytes without computing them,
 *       so the score is the HTTP cost alone. The difference between the two is the workload as
 *       it runs inside the pipeline.</li>
 * </ul>
 *
 * <p>What it leaves out: {@code epoll_wait}, {@code read} and {@code write} (one of each per request
 * for a keep-alive client that waits for each answer, fewer when requests are pipelined), and
 * the buffer the socket read fills. A real event loop adds those on top, so 1/t (t the CPU time
 * per exchange, see {@link CpuTimeProfiler}) is an upper bound on one thread's rate, not a
 * prediction.
 *
 * <p>The request is built once, in a buffer that every call reads through a
 * {@link ByteBuf#retainedDuplicate() retained duplicate}: the decoder releases the duplicate, the
 * bytes stay, and the score does not include building the input. (Copying the request into a
 * fresh buffer per call would measure the copy and the allocation too.)
 *
 * <p>It warms up for 20 s, not 3: decoding, routing and encoding is a lot of code for the JIT,
 * and on one CPU shared with the compiler threads (and, on our machine, with other builds) the
 * score fell from 0.2-1.3 ms per exchange in the first second to its plateau of a few
 * microseconds only after 8 to 25 seconds. Check the warm-up lines before trusting a score.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 20, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HttpExchangeBenchmark {

    /** What {@code wrk} sends: a keep-alive {@code GET} with a {@code Host} header. */
    static final String REQUEST = "GET /data HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";

    @Param({"faithful:100", "constant"})
    public String workload;

    /** The request every call sends; a test may change it before {@link #openChannel()}. */
    String requestText = REQUEST;

    private EmbeddedChannel channel;
    private ByteBuf request;

    @Setup
    public void openChannel() {
        channel = new EmbeddedChannel(pipeline(workload(workload)));
        byte[] requestBytes = requestText.getBytes(StandardCharsets.US_ASCII);
        request = Unpooled.directBuffer(requestBytes.length).writeBytes(requestBytes);
        // Fail before measuring if the pipeline does not answer as a stage would.
        String response = exchangeForText();
        if (!response.startsWith("HTTP/1.1 200 OK") || !response.endsWith("\"city\":\"Value: 99\"}")) {
            throw new IllegalStateException("the pipeline did not answer 200 with the JSON:\n" + response);
        }
    }

    /** The handlers under test: the pipeline every Netty stage shares, as a stage builds it. */
    ChannelHandler pipeline(Workload work) {
        ServerMetrics metrics = new ServerMetrics(Map.of("stage", "jmh"));
        HttpServerContext context = new HttpServerContext(metrics, HttpLimits.DEFAULT, () -> false);
        return new HttpServerInitializer(new Router(work, metrics), RequestExecutor.INLINE, context);
    }

    /** {@code constant} is the zero-cost workload; anything else is a {@code --workload} spec. */
    static Workload workload(String spec) {
        return "constant".equals(spec) ? new ConstantWorkload(Workload.parse("faithful").run()) : Workload.parse(spec);
    }

    @Benchmark
    public int exchange() {
        channel.writeInbound(request.retainedDuplicate());
        int responseBytes = 0;
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            responseBytes += out.readableBytes();
            out.release();
        }
        return responseBytes;
    }

    /** One exchange, with the response as text: for the check above and for tests. */
    String exchangeForText() {
        channel.writeInbound(request.retainedDuplicate());
        StringBuilder text = new StringBuilder();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            text.append(out.toString(StandardCharsets.US_ASCII));
            out.release();
        }
        return text.toString();
    }

    /** References still held on the request bytes: 1 (ours) when every call released its duplicate. */
    int requestReferences() {
        return request.refCnt();
    }

    @TearDown
    public void closeChannel() {
        channel.finishAndReleaseAll();
        request.release();
    }

    /** Returns the same body every time, at the cost of a field read. */
    private record ConstantWorkload(byte[] body) implements Workload {
        @Override
        public byte[] run() {
            return body;
        }

        @Override
        public String spec() {
            return "constant";
        }
    }

    /*
     * ============================== HOW TO RUN THIS BENCHMARK ==============================
     *
     *   $ taskset -c 1 java -jar jmh/target/benchmarks.jar HttpExchangeBenchmark -prof io.asyncworkbench.jmh.CpuTimeProfiler
     *
     * "constant" is the HTTP cost per request; "faithful:100" minus "constant" is the work.
     * On JDK 24+ add -Dio.netty.noUnsafe=false --sun-misc-unsafe-memory-access=allow, as the
     * servers are run (the forked JVM inherits them). 1/cpu.time.norm is one CPU's ceiling.
     */
}
