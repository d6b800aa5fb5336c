package io.asyncworkbench.vertx;

import io.asyncworkbench.metrics.MetricsSource;
import io.asyncworkbench.metrics.PrometheusText;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * What {@code /metrics} adds for the worker pool, under the names the Netty offload stage uses,
 * so one dashboard reads both:
 *
 * <pre>
 * offload_worker_queue_depth 37
 * offload_workers_busy 2
 * offload_tasks_total{outcome="rejected"} 0
 * offload_task_queued_seconds{quantile="0.99"} 0.0712
 * </pre>
 *
 * TODO(core): this repeats offload-worker's {@code WorkerPoolMetrics} (stage modules may not
 * import each other). Moved to common-workload as a public
 * {@code io.asyncworkbench.metrics.WorkerPoolMetrics}, both stages would use the one class and
 * this file would go.
 */
final class WorkerMetrics implements MetricsSource {

    private static final long MAX_TRACKED_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final String[] QUANTILES = {"0.5", "0.99", "0.999"};

    private final int workers;
    private final int queueCapacity;
    private final IntSupplier tasksInPool;
    private final AtomicInteger busy = new AtomicInteger();
    private final LongAdder done = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final Recorder queued = new Recorder(1, MAX_TRACKED_NANOS, 3);
    private final Recorder working = new Recorder(1, MAX_TRACKED_NANOS, 3);
    private final Histogram queuedTotal = new Histogram(1, MAX_TRACKED_NANOS, 3);
    private final Histogram workingTotal = new Histogram(1, MAX_TRACKED_NANOS, 3);

    /** {@code tasksInPool}: tasks handed over and not finished, running or waiting. */
    WorkerMetrics(int workers, int queueCapacity, IntSupplier tasksInPool) {
        this.workers = workers;
        this.queueCapacity = queueCapacity;
        this.tasksInPool = tasksInPool;
    }

    void onStarted(long queuedNanos) {
        busy.incrementAndGet();
        queued.recordValue(clamp(queuedNanos));
    }

    void onFinished(long workingNanos, boolean ok) {
        working.recordValue(clamp(workingNanos));
        (ok ? done : failed).increment();
        busy.decrementAndGet();
    }

    void onRejected() {
        rejected.increment();
    }

    @Override
    public synchronized void writeTo(PrometheusText out) {
        int running = busy.get();
        out.family("offload_workers", "gauge", "Worker threads for the CPU work.");
        out.sample("offload_workers", workers);
        out.family("offload_workers_busy", "gauge", "Workers running a task now.");
        out.sample("offload_workers_busy", running);
        out.family("offload_worker_queue_capacity", "gauge", "Tasks the queue holds before requests get 503 (--queue).");
        out.sample("offload_worker_queue_capacity", queueCapacity);
        out.family("offload_worker_queue_depth", "gauge", "Tasks waiting for a worker now.");
        out.sample("offload_worker_queue_depth", Math.max(0, tasksInPool.getAsInt() - running));
        out.family("offload_tasks_total", "counter", "Tasks handed to the pool, by outcome (rejected: queue full, answered 503).");
        out.sample("offload_tasks_total", done.sum(), "outcome", "done");
        out.sample("offload_tasks_total", failed.sum(), "outcome", "failed");
        out.sample("offload_tasks_total", rejected.sum(), "outcome", "rejected");
        summary(out, "offload_task_queued_seconds", "Time a task waited in the worker queue, from hand-off to a worker picking it up.",
                queued, queuedTotal);
        summary(out, "offload_task_working_seconds", "Time a worker spent on a task (the CPU work of one request).",
                working, workingTotal);
    }

    private static void summary(PrometheusText out, String name, String help, Recorder recorder, Histogram total) {
        total.add(recorder.getIntervalHistogram());
        long count = total.getTotalCount();
        out.family(name, "summary", help);
        for (String quantile : QUANTILES) {
            out.sample(name, count == 0 ? Double.NaN : total.getValueAtPercentile(Double.parseDouble(quantile) * 100) / 1e9,
                    "quantile", quantile);
        }
        out.sample(name + "_sum", total.getMean() * count / 1e9);
        out.sample(name + "_count", count);
    }

    private static long clamp(long nanos) {
        return Math.min(Math.max(nanos, 1), MAX_TRACKED_NANOS);
    }
}
