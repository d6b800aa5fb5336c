package io.asyncworkbench.metrics;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerPoolMetricsTest {

    @Test
    void writeTo_shouldReportThePoolUnderTheOffloadNames() {
        WorkerPoolMetrics metrics = new WorkerPoolMetrics(2, 8, () -> 3);
        metrics.onStarted(TimeUnit.MILLISECONDS.toNanos(10));
        metrics.onFinished(TimeUnit.MILLISECONDS.toNanos(4), true);
        metrics.onStarted(TimeUnit.MILLISECONDS.toNanos(20));
        metrics.onFinished(TimeUnit.MILLISECONDS.toNanos(4), false);
        metrics.onStarted(TimeUnit.MILLISECONDS.toNanos(30));
        metrics.onRejected();

        String text = render(metrics);

        assertEquals(1, metrics.busy());
        for (String sample : new String[] {"offload_workers 2", "offload_workers_busy 1", "offload_worker_queue_capacity 8",
                "offload_worker_queue_depth 3", "offload_tasks_total{outcome=\"done\"} 1", "offload_tasks_total{outcome=\"failed\"} 1",
                "offload_tasks_total{outcome=\"rejected\"} 1", "offload_task_queued_seconds_count 3", "offload_task_working_seconds_count 2"}) {
            assertTrue(text.contains("\n" + sample + "\n"), sample + " missing from:\n" + text);
        }
        double queuedMedian = quantile(text, "offload_task_queued_seconds", "0.5");
        assertEquals(0.020, queuedMedian, 0.0001, text);
    }

    @Test
    void writeTo_shouldSayNaN_whenNoTaskRanYet() {
        String text = render(new WorkerPoolMetrics(1, 0, () -> 0));

        assertTrue(text.contains("\noffload_task_working_seconds{quantile=\"0.99\"} NaN\n"), text);
        assertTrue(text.contains("\noffload_task_working_seconds_count 0\n"), text);
    }

    private static String render(WorkerPoolMetrics metrics) {
        PrometheusText out = new PrometheusText();
        metrics.writeTo(out);
        return "\n" + out;
    }

    private static double quantile(String text, String name, String quantile) {
        String prefix = name + "{quantile=\"" + quantile + "\"} ";
        return text.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(prefix.length())))
                .findFirst().orElseThrow();
    }
}
