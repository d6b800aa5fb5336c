package io.asyncworkbench.http;

import io.asyncworkbench.metrics.ServerMetrics;
import io.asyncworkbench.workload.Workload;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;

/**
 * The routes every stage serves, as one {@link RequestHandler}:
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>request</th><th>response</th></tr>
 *   <tr><td>{@code GET /data}</td><td>200, the workload's JSON</td></tr>
 *   <tr><td>{@code GET /metrics}</td><td>200, Prometheus text</td></tr>
 *   <tr><td>{@code HEAD} on those paths</td><td>200, the same headers and no body (the server drops it)</td></tr>
 *   <tr><td>{@code OPTIONS} on those paths, or {@code OPTIONS *}</td><td>200 (with {@code Allow})</td></tr>
 *   <tr><td>another method on those paths</td><td>405 (with {@code Allow: GET, HEAD, OPTIONS})</td></tr>
 *   <tr><td>any other path</td><td>404</td></tr>
 * </table>
 *
 * A target in absolute form ({@code http://host/data}) is routed by its path. What is refused
 * before routing (a bad Host, an unknown method, ...) is {@link ExchangePolicy}'s.
 *
 * {@link #route(String, String)} only classifies, so a stage that runs the work elsewhere (the
 * offload stage) can send {@link Route#DATA} to its workers and answer the rest at once.
 */
public final class Router implements RequestHandler {

    /** What a request asks for. */
    public enum Route { DATA, METRICS, OPTIONS, NOT_FOUND, METHOD_NOT_ALLOWED }

    private static final AsciiString PROMETHEUS = AsciiString.cached("text/plain; version=0.0.4; charset=utf-8");

    private final Workload workload;
    private final ServerMetrics metrics;

    public Router(Workload workload, ServerMetrics metrics) {
        this.workload = workload;
        this.metrics = metrics;
    }

    /** Classifies a request by method and request-target (the query string is ignored). */
    public static Route route(String method, String target) {
        String path = RequestSyntax.path(target);
        boolean data = path.equals("/data");
        if (!data && !path.equals("/metrics") && !path.equals("*")) {
            return Route.NOT_FOUND;
        }
        return switch (method) {
            case "GET", "HEAD" -> path.equals("*") ? Route.METHOD_NOT_ALLOWED : data ? Route.DATA : Route.METRICS;
            case "OPTIONS" -> Route.OPTIONS;
            default -> Route.METHOD_NOT_ALLOWED;
        };
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        return respond(route(request.method(), request.uri()));
    }

    /** The response for a route already classified. */
    public HttpResponse respond(Route route) {
        return switch (route) {
            case DATA -> HttpResponse.json(workload.run());
            case METRICS -> new HttpResponse(HttpResponseStatus.OK, PROMETHEUS,
                    metrics.render().getBytes(StandardCharsets.UTF_8));
            case OPTIONS -> HttpResponse.text(HttpResponseStatus.OK, "");
            case NOT_FOUND -> HttpResponse.text(HttpResponseStatus.NOT_FOUND, "not found: try GET /data or GET /metrics\n");
            case METHOD_NOT_ALLOWED -> HttpResponse.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed: use GET or HEAD\n");
        };
    }

    public Workload workload() {
        return workload;
    }
}
