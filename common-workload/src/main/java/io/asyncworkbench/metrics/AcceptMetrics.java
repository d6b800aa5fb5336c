package io.asyncworkbench.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened at the listening socket: accept errors by kind (e.g. {@code EMFILE},
 * {@code ECONNABORTED}) and how often accepting was paused. Accept errors are rare and happen off
 * the request path, so these counters are plain atomics any thread may update.
 */
public final class AcceptMetrics {

    private final Map<String, AtomicLong> errorsByKind = new ConcurrentSkipListMap<>();
    private final AtomicLong pauses = new AtomicLong();

    public void onAcceptError(String kind) {
        errorsByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    public void onAcceptPaused() {
        pauses.incrementAndGet();
    }

    public long errors(String kind) {
        AtomicLong count = errorsByKind.get(kind);
        return count == null ? 0 : count.get();
    }

    public long pauses() {
        return pauses.get();
    }

    void writeTo(PrometheusText out) {
        out.family("server_accept_errors_total", "counter", "Errors returned by accept(), by kind (errno name).");
        errorsByKind.forEach((kind, count) -> out.sample("server_accept_errors_total", count.get(), "kind", kind));
        out.family("server_accept_pauses_total", "counter", "Times accepting was paused after an accept error.");
        out.sample("server_accept_pauses_total", pauses.get());
    }
}
