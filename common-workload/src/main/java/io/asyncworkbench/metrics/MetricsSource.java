package io.asyncworkbench.metrics;

/** Something a stage adds to {@code /metrics} beyond the shared metrics (e.g. a worker queue's depth). */
@FunctionalInterface
public interface MetricsSource {

    /** Appends this source's metric families to {@code out}. Called off the hot path, on the scraping thread. */
    void writeTo(PrometheusText out);
}
