package io.asyncworkbench.metrics;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * What {@code /metrics} adds for the worker pool: how deep its queue is now, how many workers are
 * busy, how many tasks were done or turned away, and, per task, the time spent waiting in the
 * queue against the time spent working. When the queued time grows while the working time stays
 * put, the pool is the bottleneck:
 *
 * <pre>
 * offload_worker_queue_depth 37
 * offload_workers_busy 2
 * offload_tasks_total{outcome="done"} 1200
 * offload_tasks_total{outcome="rejected"} 0
 * offload_task_queued_seconds{quantile="0.99"} 0.0712
 * offload_task_working_seconds{quantile="0.99"} 0.0041
 * </pre>
 *
 * Workers record from many threads at once: counters are {@link LongAdder}s and the times go to
 * {@link DurationSummary}s (HdrHistogram {@code Recorder}s), both without locks; a scrape drains
 * each time once into its running total, under a lock that only scrapes take.
 *
 * <p>Both offload stages report through it, the Netty one's {@code WorkerPoolExecutor} and the
 * Vert.x one's {@code WorkerExecutor}, so one dashboard and one experiment read both. A stage
 * registers it with {@link ServerMetrics#register(MetricsSource)}.
 */
public final class WorkerPoolMetrics implements MetricsSource {

    private static final String QUEUED = "offload_task_queued_seconds";
    private static final String WORKING = "offload_task_working_seconds";

    private final int workers;
    private final int queueCapacity;
    private final IntSupplier queueDepth;
    private final AtomicInteger busy = new AtomicInteger();
    private final LongAdder done = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final DurationSummary queued = new DurationSummary(ThreadMetrics.Writers.MANY);
    private final DurationSummary working = new DurationSummary(ThreadMetrics.Writers.MANY);

    /** {@code queueDepth}: tasks waiting for a worker now, as the pool counts them. */
    public WorkerPoolMetrics(int workers, int queueCapacity, IntSupplier queueDepth) {
        this.workers = workers;
        this.queueCapacity = queueCapacity;
        this.queueDepth = queueDepth;
    }

    /** A worker picked up a task that waited {@code queuedNanos}. */
    public void onStarted(long queuedNanos) {
        busy.incrementAndGet();
        queued.record(queuedNanos);
    }

    /** A worker finished a task after {@code workingNanos}; {@code ok} is false if the handler threw. */
    public void onFinished(long workingNanos, boolean ok) {
        working.record(workingNanos);
        (ok ? done : failed).increment();
        busy.decrementAndGet();
    }

    /** The queue was full: the request was answered 503 without being queued. */
    public void onRejected() {
        rejected.increment();
    }

    /** Workers running a task now. */
    public int busy() {
        return busy.get();
    }

    @Override
    public void writeTo(PrometheusText out) {
        out.family("offload_workers", "gauge", "Worker threads for the CPU work.");
        out.sample("offload_workers", workers);
        out.family("offload_workers_busy", "gauge", "Workers running a task now.");
        out.sample("offload_workers_busy", busy.get());
        out.family("offload_worker_queue_capacity", "gauge", "Tasks the queue holds before requests get 503 (--queue).");
        out.sample("offload_worker_queue_capacity", queueCapacity);
        out.family("offload_worker_queue_depth", "gauge", "Tasks waiting for a worker now.");
        out.sample("offload_worker_queue_depth", queueDepth.getAsInt());
        out.family("offload_tasks_total", "counter", "Tasks handed to the pool, by outcome (rejected: queue full, answered 503).");
        out.sample("offload_tasks_total", done.sum(), "outcome", "done");
        out.sample("offload_tasks_total", failed.sum(), "outcome", "failed");
        out.sample("offload_tasks_total", rejected.sum(), "outcome", "rejected");
        out.family(QUEUED, "summary", "Time a task waited in the worker queue, from hand-off to a worker picking it up.");
        queued.drain().writeTo(out, QUEUED);
        out.family(WORKING, "summary", "Time a worker spent on a task (the CPU work of one request).");
        working.drain().writeTo(out, WORKING);
    }
}
