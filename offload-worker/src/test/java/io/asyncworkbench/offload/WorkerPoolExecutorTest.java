package io.asyncworkbench.offload;

import io.asyncworkbench.http.HttpRequest;
import io.asyncworkbench.http.HttpResponse;
import io.asyncworkbench.http.RequestHandler;
import io.asyncworkbench.metrics.PrometheusText;
import io.asyncworkbench.testing.Await;
import io.asyncworkbench.transport.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker pool alone, with real event loops and no sockets: where each step runs, and what a full queue does. */
@Timeout(30)
class WorkerPoolExecutorTest {

    private static final HttpResponse OK = HttpResponse.json("{}".getBytes(StandardCharsets.UTF_8));

    private final EventLoopGroup loops = Transport.NIO.newEventLoopGroup(2, "loop");
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final List<HttpResponse> responses = new CopyOnWriteArrayList<>();
    private WorkerPoolExecutor pool;

    @AfterEach
    void tearDown() throws InterruptedException {
        release.countDown();
        if (pool != null) {
            pool.close();
        }
        loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
    }

    @Test
    void response_shouldBeWrittenOnTheConnectionsLoop_whenTheWorkRanOnAWorker() throws Exception {
        pool = new WorkerPoolExecutor(1, 8);
        Iterator<EventExecutor> each = loops.iterator();
        EventExecutor other = each.next();
        EventExecutor connectionLoop = each.next();
        CompletableFuture<String> workedOn = new CompletableFuture<>();
        CompletableFuture<Boolean[]> respondedOn = new CompletableFuture<>();
        RequestHandler handler = request -> {
            workedOn.complete(Thread.currentThread().getName());
            return OK;
        };

        // The shared handler calls the executor on the connection's loop: do the same.
        connectionLoop.execute(() -> pool.execute(handler, request("/data"), connectionLoop,
                response -> respondedOn.complete(new Boolean[] {connectionLoop.inEventLoop(), other.inEventLoop()})));

        assertTrue(workedOn.get(10, TimeUnit.SECONDS).startsWith("worker-"), workedOn.get());
        Boolean[] where = respondedOn.get(10, TimeUnit.SECONDS);
        assertTrue(where[0], "the response must be handed back on the connection's own loop");
        assertFalse(where[1], "not on another loop");
    }

    @Test
    void fullQueue_shouldAnswer503AtOnce_andNotQueueTheRequest() throws Exception {
        pool = new WorkerPoolExecutor(1, 1);
        EventExecutor loop = loops.next();
        RequestHandler blocking = blockingHandler();

        pool.execute(blocking, request("/data"), loop, responses::add);
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the worker took the first request");
        pool.execute(blocking, request("/data"), loop, responses::add);
        assertTrue(responses.isEmpty(), "the second request waits in the queue, it is not turned away");
        pool.execute(blocking, request("/data"), loop, responses::add);

        // The third was answered before execute() returned, on the calling thread.
        assertEquals(List.of(503), statuses());
        String metrics = render();
        assertEquals(1, value(metrics, "offload_worker_queue_depth"));
        assertEquals(1, value(metrics, "offload_workers_busy"));
        assertEquals(1, value(metrics, "offload_tasks_total{outcome=\"rejected\"}"));

        release.countDown();
        awaitResponses(3);
        assertEquals(List.of(503, 200, 200), statuses());
        metrics = render();
        assertEquals(0, value(metrics, "offload_worker_queue_depth"));
        assertEquals(2, value(metrics, "offload_tasks_total{outcome=\"done\"}"));
        assertEquals(2, value(metrics, "offload_task_queued_seconds_count"));
        assertEquals(2, value(metrics, "offload_task_working_seconds_count"));
        assertTrue(value(metrics, "offload_task_queued_seconds{quantile=\"0.999\"}") > 0, metrics);
    }

    @Test
    void metricsAndUnknownPaths_shouldBeAnsweredAtOnce_whileTheOnlyWorkerIsBusy() throws Exception {
        pool = new WorkerPoolExecutor(1, 0);
        EventExecutor loop = loops.next();
        RequestHandler blocking = blockingHandler();
        pool.execute(blocking, request("/data"), loop, responses::add);
        assertTrue(entered.await(10, TimeUnit.SECONDS));

        String caller = Thread.currentThread().getName();
        List<String> answeredOn = new CopyOnWriteArrayList<>();
        RequestHandler here = request -> {
            answeredOn.add(Thread.currentThread().getName());
            return OK;
        };
        pool.execute(here, request("/metrics"), loop, responses::add);
        pool.execute(here, request("/nope"), loop, responses::add);
        assertEquals(List.of(caller, caller), answeredOn);
        assertEquals(List.of(200, 200), statuses());

        // Negative control: /data with no free worker and no queue (--queue 0) is turned away.
        pool.execute(here, request("/data"), loop, responses::add);
        assertEquals(List.of(200, 200, 503), statuses());
    }

    @Test
    void failingWork_shouldGet500_onTheLoop_ratherThanNoAnswer() throws Exception {
        pool = new WorkerPoolExecutor(1, 8);
        EventExecutor loop = loops.next();
        pool.execute(request -> {
            throw new IllegalStateException("boom");
        }, request("/data"), loop, responses::add);
        awaitResponses(1);
        assertEquals(List.of(500), statuses());
        assertEquals(1, value(render(), "offload_tasks_total{outcome=\"failed\"}"));
    }

    private RequestHandler blockingHandler() {
        return request -> {
            entered.countDown();
            try {
                assertTrue(release.await(20, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OK;
        };
    }

    private static HttpRequest request(String uri) {
        return new HttpRequest("GET", uri, EmptyHttpHeaders.INSTANCE, new byte[0]);
    }

    private List<Integer> statuses() {
        return responses.stream().map(HttpResponse::status).map(HttpResponseStatus::code).toList();
    }

    private void awaitResponses(int count) throws Exception {
        Await.until(Duration.ofSeconds(10), count + " responses", () -> responses.size() >= count);
        assertEquals(count, responses.size(), "responses");
    }

    private String render() {
        PrometheusText out = new PrometheusText();
        pool.metrics().writeTo(out);
        return out.toString();
    }

    /** The value of the sample whose name and labels are exactly {@code series}. */
    private static double value(String metrics, String series) {
        List<Double> values = metrics.lines().filter(l -> l.startsWith(series + " "))
                .map(l -> Double.parseDouble(l.substring(series.length() + 1))).toList();
        assertNotEquals(0, values.size(), series + " missing from:\n" + metrics);
        return values.get(0);
    }
}
