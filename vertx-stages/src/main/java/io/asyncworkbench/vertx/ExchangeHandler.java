package io.asyncworkbench.vertx;

import io.asyncworkbench.http.ExchangePolicy;
import io.asyncworkbench.http.HttpResponse;
import io.asyncworkbench.http.NettyRequestHead;
import io.asyncworkbench.http.Verdict;
import io.asyncworkbench.http.Router;
import io.asyncworkbench.metrics.ThreadMetrics;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers the requests of one verticle's connections with the shared {@link Router}, on its event
 * loop, and records them in that loop's {@link ThreadMetrics}: the Vert.x form of the Netty
 * stages' {@code HttpServerHandler}.
 *
 * <p>Vert.x already answers requests in order on a keep-alive connection (it holds a pipelined
 * request back until the response before it has ended), adds {@code Content-Length}, and honours
 * {@code Connection: close}. What this class adds is the shared {@link ExchangePolicy}, as in the
 * Netty stages: a request it refuses (505, 400, 501, 413, 417, ...) is answered with a one-line
 * text body and {@code Connection: close}, then the connection closed; {@code Expect: 100-continue}
 * gets its {@code 100 Continue}; {@code 405} and {@code OPTIONS} carry {@code Allow}. Besides:
 * <ul>
 *   <li>a request Netty's decoder rejected comes to {@link #onInvalidRequest}: 414, 431 or 400, as
 *       {@code NettyRequestHead.rejection} says (Vert.x's default handler would send the same codes, with no body);</li>
 *   <li>a chunked body over {@code --max-body-size} → 413: Vert.x core has no body limit of its own,
 *       so it is counted here.</li>
 * </ul>
 * A request without a body (every {@code GET}) is answered as soon as its head arrives, with
 * nothing allocated here beyond the response.
 */
final class ExchangeHandler implements Handler<HttpServerRequest> {

    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private final VertxStage stage;
    private final ThreadMetrics metrics;
    private final Router router;
    private final WorkerOffload offload;
    private final long maxBodyBytes;

    /** With {@code offload} null the work runs here, on the event loop. */
    ExchangeHandler(VertxStage stage, ThreadMetrics metrics, WorkerOffload offload) {
        this.stage = stage;
        this.metrics = metrics;
        this.router = stage.shared().router();
        this.offload = offload;
        this.maxBodyBytes = stage.maxBodyBytes();
    }

    void onConnection(HttpConnection connection) {
        StrictRequestFilter.install(connection);
        metrics.onConnectionAccepted();
        connection.closeHandler(closed -> metrics.onConnectionFinished());
        connection.exceptionHandler(ExchangeHandler::onConnectionError);
    }

    @Override
    public void handle(HttpServerRequest request) {
        long startNanos = System.nanoTime();
        metrics.onRequestStarted();
        Verdict verdict = ExchangePolicy.decide(new VertxRequestHead(request), maxBodyBytes);
        if (verdict.rejected()) {
            reject(request, verdict, startNanos);
            return;
        }
        if (verdict.expectContinue()) {
            request.response().writeContinue();
        }
        if (!request.headers().contains(HttpHeaders.CONTENT_LENGTH) && !request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            serve(request, startNanos);
        } else {
            new BodyLimit(request, startNanos).start();
        }
    }

    /** A request Netty's decoder could not take: 414, 431 or 400, then close. */
    void onInvalidRequest(HttpServerRequest request) {
        long startNanos = System.nanoTime();
        metrics.onRequestStarted();
        answerMalformed(request, request.decoderResult().cause(), startNanos);
    }

    /** The whole request is in: route it; {@code /data} runs on the workers when offloading. */
    private void serve(HttpServerRequest request, long startNanos) {
        Router.Route route = Router.route(request.method().name(), request.uri());
        if (route == Router.Route.DATA && offload != null) {
            offload.submit(request, startNanos, this);
        } else {
            respond(request, router.respond(route), startNanos);
        }
    }

    /** Writes {@code response}; on the event loop, exactly once per request. */
    void respond(HttpServerRequest request, HttpResponse response, long startNanos) {
        HttpServerResponse out = request.response();
        if (out.closed()) {
            // The client went away while the work ran.
            metrics.onRequestAbandoned();
            return;
        }
        int status = response.status().code();
        out.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, response.contentType());
        String allow = ExchangePolicy.allowFor(status, request.method().name());
        if (allow != null) {
            out.putHeader(HttpHeaders.ALLOW, allow);
        }
        if (stage.closing()) {
            out.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        if (request.method() == HttpMethod.HEAD) {
            // RFC 9110 §9.3.2: GET's header fields, Content-Length included; Vert.x would drop it with the body.
            out.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(response.body().length)).end();
        } else {
            out.end(Buffer.buffer(response.body()));
        }
        metrics.onRequestFinished(status, System.nanoTime() - startNanos);
    }

    /** Answers what Netty's decoder could not decode: 400, 414, 431 or 505, then close. */
    private void answerMalformed(HttpServerRequest request, Throwable cause, long startNanos) {
        // Vert.x fails the connection with the decoder's error after the answer: nothing to report.
        request.connection().exceptionHandler(answered -> { });
        reject(request, NettyRequestHead.rejection(cause), startNanos);
    }

    /** Answers a request the policy refused with its status, and closes the connection. */
    private void reject(HttpServerRequest request, Verdict verdict, long startNanos) {
        request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        respond(request, HttpResponse.text(HttpResponseStatus.valueOf(verdict.status()), verdict.reason()), startNanos);
        request.connection().close();
    }

    /** A peer that resets or vanishes is ordinary under load; anything else is printed once per kind. */
    private static void onConnectionError(Throwable cause) {
        if (!(cause instanceof IOException) && REPORTED.add(cause.getClass().getName())) {
            System.err.println("unexpected error on a connection (further ones of this kind are not printed): " + cause);
        }
    }

    /** Receives a request body of unknown or allowed length, counting it against {@code --max-body-size}. */
    private final class BodyLimit {

        private final HttpServerRequest request;
        private final long startNanos;
        private long receivedBytes;
        private boolean rejected;

        BodyLimit(HttpServerRequest request, long startNanos) {
            this.request = request;
            this.startNanos = startNanos;
        }

        void start() {
            request.handler(chunk -> {
                receivedBytes += chunk.length();
                if (receivedBytes > maxBodyBytes && !rejected) {
                    rejected = true;
                    reject(request, Verdict.BODY_TOO_LARGE, startNanos);
                }
            });
            // A malformed chunk: Vert.x would close without an answer; the Netty stages answer 400.
            request.exceptionHandler(cause -> {
                if (!rejected) {
                    rejected = true;
                    answerMalformed(request, cause, startNanos);
                }
            });
            request.endHandler(end -> {
                if (!rejected) {
                    serve(request, startNanos);
                }
            });
        }
    }
}
