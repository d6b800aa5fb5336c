package io.asyncworkbench.offload;

import io.asyncworkbench.http.HttpRequest;
import io.asyncworkbench.http.HttpResponse;
import io.asyncworkbench.http.RequestExecutor;
import io.asyncworkbench.http.RequestHandler;
import io.asyncworkbench.http.Router;
import io.asyncworkbench.metrics.MetricsSource;
import io.asyncworkbench.metrics.WorkerPoolMetrics;
import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs the CPU work of {@code GET /data} on a fixed pool of worker threads with a bounded queue,
 * and writes each response back on the event loop of its connection: the Java form of the blog's
 * {@code ts3}, where a handler spawned the work on a worker reactor and completed the response
 * through a one-shot channel.
 *
 * <p>One request goes like this (worker pool of 2, queue of 1,024):
 * <ol>
 *   <li>{@code loop-0} decodes {@code GET /data} and calls {@link #execute}; the task joins the
 *       queue and {@code loop-0} goes back to accepting and reading at once;</li>
 *   <li>{@code worker-1} takes the task and runs the workload (say 4 ms of CPU);</li>
 *   <li>it hands the response to {@code loop-0} with {@code loop.execute(...)}: a Netty channel
 *       is only ever touched by its own event loop, so no lock guards the connection.</li>
 * </ol>
 * When the queue is full, the request is answered {@code 503} right away instead of waiting in an
 * unbounded queue (where latency would grow without limit and memory with it). Everything that
 * is not {@code /data} ({@code /metrics}, 404, 405) is answered on the loop, so {@code /metrics}
 * stays prompt however busy the workers are.
 */
public final class WorkerPoolExecutor implements RequestExecutor, AutoCloseable {

    private final ThreadPoolExecutor pool;
    private final WorkerPoolMetrics metrics;

    /**
     * A pool of {@code workers} threads named {@code worker-0}, ... (started by the first requests)
     * with room for {@code queueCapacity} waiting tasks; with 0, a request is taken only by a worker
     * that is free at that moment.
     */
    public WorkerPoolExecutor(int workers, int queueCapacity) {
        BlockingQueue<Runnable> queue = queueCapacity == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queueCapacity);
        AtomicInteger next = new AtomicInteger();
        pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, queue, task -> {
            Thread worker = new Thread(task, "worker-" + next.getAndIncrement());
            worker.setDaemon(true);
            return worker;
        }, new ThreadPoolExecutor.AbortPolicy());
        metrics = new WorkerPoolMetrics(workers, queueCapacity, queue::size);
    }

    /** The pool's queue depth, busy workers, outcomes and queued-vs-working times, for {@code /metrics}. */
    public MetricsSource metrics() {
        return metrics;
    }

    @Override
    public void execute(RequestHandler handler, HttpRequest request, EventExecutor loop, Consumer<HttpResponse> respond) {
        // Only /data carries work worth moving; the rest is answered here, at once.
        if (Router.route(request.method(), request.uri()) != Router.Route.DATA) {
            respond.accept(handler.handle(request));
            return;
        }
        long queuedAtNanos = System.nanoTime();
        try {
            pool.execute(() -> work(handler, request, loop, respond, queuedAtNanos));
        } catch (RejectedExecutionException full) {
            metrics.onRejected();
            respond.accept(HttpResponse.QUEUE_FULL);
        }
    }

    /** On a worker: runs the handler, then hands the response to the connection's event loop. */
    private void work(RequestHandler handler, HttpRequest request, EventExecutor loop, Consumer<HttpResponse> respond,
                      long queuedAtNanos) {
        long startNanos = System.nanoTime();
        metrics.onStarted(startNanos - queuedAtNanos);
        HttpResponse response;
        boolean ok = true;
        try {
            response = handler.handle(request);
        } catch (RuntimeException | Error e) {
            // The connection must still get an answer, or it would wait for ever.
            response = HttpResponse.INTERNAL_ERROR;
            ok = false;
        }
        metrics.onFinished(System.nanoTime() - startNanos, ok);
        HttpResponse answer = response;
        try {
            loop.execute(() -> respond.accept(answer));
        } catch (RejectedExecutionException loopShutDown) {
            // The server is past its shutdown grace: the connection is being closed anyway.
        }
    }

    /**
     * Stops the workers. The server calls it after its graceful shutdown has let the requests in
     * flight finish, so what is left belongs to connections that are being closed.
     */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
