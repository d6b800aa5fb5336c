package io.asyncworkbench.metrics;

/** Something a stage adds to {@code /metrics} beyond the shared metrics (e.g. a worker queue's depth). */
@FunctionalInterface
public interface MetricsSource {

    /**
     * Appends this source's metric families to {@code out}. Called once per scrape, on the thread
     * that serves it (in most stages an event loop), maybe by two scrapes at once: read atomics,
     * and take no lock that the threads serving requests take.
     */
    void writeTo(PrometheusText out);
}
