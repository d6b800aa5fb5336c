package io.asyncworkbench.http;

import io.asyncworkbench.metrics.ServerMetrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * What every connection of one server shares: its metrics, its request limits, whether it is
 * shutting down (then responses carry {@code Connection: close}), and a log for the unexpected
 * that cannot flood: the first error of each kind is printed, the rest only counted.
 */
public final class HttpServerContext {

    private final ServerMetrics metrics;
    private final HttpLimits limits;
    private final BooleanSupplier closing;
    private final AtomicLong unexpectedErrors = new AtomicLong();
    private final java.util.Set<String> reportedKinds = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public HttpServerContext(ServerMetrics metrics, HttpLimits limits, BooleanSupplier closing) {
        this.metrics = metrics;
        this.limits = limits;
        this.closing = closing;
        metrics.register(out -> {
            out.family("server_unexpected_errors_total", "counter", "Unexpected errors in connection handlers (first of each kind is logged).");
            out.sample("server_unexpected_errors_total", unexpectedErrors.get());
        });
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public HttpLimits limits() {
        return limits;
    }

    public BooleanSupplier closing() {
        return closing;
    }

    /** Counts an unexpected error and logs it once per exception class, on one line. */
    public void reportUnexpected(Throwable cause) {
        unexpectedErrors.incrementAndGet();
        if (reportedKinds.add(cause.getClass().getName())) {
            System.err.println("unexpected error in a connection handler (further ones of this kind are only counted): " + cause);
        }
    }
}
