package io.asyncworkbench.vertx;

import io.asyncworkbench.http.HttpResponse;
import io.asyncworkbench.http.Router;
import io.asyncworkbench.metrics.MetricsSource;
import io.asyncworkbench.metrics.WorkerPoolMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the CPU work of {@code GET /data} with {@code executeBlocking} on a named
 * {@link WorkerExecutor} of N threads, and writes the response back on the event loop: the
 * Vert.x form of the offload stage's {@code WorkerPoolExecutor}.
 *
 * <p>One request goes like this (2 workers, queue of 1,024):
 * <ol>
 *   <li>the event loop decodes {@code GET /data} and calls {@link #submit}: the task goes to the
 *       executor and the loop is free at once;</li>
 *   <li>a {@code worker} thread runs the workload (say 4 ms of CPU);</li>
 *   <li>Vert.x completes the task's {@code Future} on the verticle's context, that is on the
 *       connection's event loop, where the response is written.</li>
 * </ol>
 * Two Vert.x details matter. {@code executeBlocking(task, false)}: with {@code ordered = true},
 * the default, Vert.x runs the tasks of one context one after the other, so every connection of a
 * verticle would share one worker whatever N is. Unordered is still in order per connection,
 * because Vert.x hands the handler a connection's next request only once the response before it
 * has ended. And Vert.x's worker queue has no bound, so this class keeps its own count: with N
 * workers busy and {@code --queue} tasks waiting, a request is answered {@code 503} at once, as in
 * the Netty stage.
 */
final class WorkerOffload implements AutoCloseable {

    private final WorkerExecutor executor;
    private final Router router;
    private final int capacity;
    private final AtomicInteger tasks = new AtomicInteger();
    private final WorkerPoolMetrics metrics;

    /** {@code workers} threads named {@code worker-...}, and room for {@code queueCapacity} waiting tasks. */
    WorkerOffload(Vertx vertx, Router router, int workers, int queueCapacity) {
        this.executor = vertx.createSharedWorkerExecutor("worker", workers);
        this.router = router;
        this.capacity = workers + queueCapacity;
        this.metrics = new WorkerPoolMetrics(workers, queueCapacity, this::queueDepth);
    }

    /** The pool's queue depth, busy workers, outcomes and times, for {@code /metrics}. */
    MetricsSource metricsSource() {
        return metrics;
    }

    /** Tasks waiting for a worker: those handed over and not finished, less those running. */
    private int queueDepth() {
        return Math.max(0, tasks.get() - metrics.busy());
    }

    /** On the event loop: hands the work of {@code request} to a worker, or answers 503 when the queue is full. */
    void submit(HttpServerRequest request, long startNanos, ExchangeHandler exchange) {
        if (tasks.incrementAndGet() > capacity) {
            tasks.decrementAndGet();
            metrics.onRejected();
            exchange.respond(request, HttpResponse.QUEUE_FULL, startNanos);
            return;
        }
        long queuedAtNanos = System.nanoTime();
        executor.executeBlocking(() -> work(queuedAtNanos), false)
                .onComplete(response -> exchange.respond(request, response, startNanos),
                        failure -> exchange.respond(request, HttpResponse.INTERNAL_ERROR, startNanos));
    }

    /** On a worker: the workload, timed; a failure still gets an answer, or the client would wait for ever. */
    private HttpResponse work(long queuedAtNanos) {
        long startNanos = System.nanoTime();
        metrics.onStarted(startNanos - queuedAtNanos);
        boolean ok = false;
        try {
            HttpResponse response = router.respond(Router.Route.DATA);
            ok = true;
            return response;
        } catch (RuntimeException e) {
            return HttpResponse.INTERNAL_ERROR;
        } finally {
            metrics.onFinished(System.nanoTime() - startNanos, ok);
            tasks.decrementAndGet();
        }
    }

    /** Stops the workers, after the graceful shutdown has let the requests in flight finish. */
    @Override
    public void close() {
        executor.close();
    }
}
