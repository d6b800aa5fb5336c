package io.asyncworkbench.http;

import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP response, the book's {@code case class HttpResponse(code, headers, body)}: a status, the
 * body's content type and the body. {@code Content-Length}, {@code Connection} and (for 405)
 * {@code Allow} are added when it is written, so a handler cannot get them wrong.
 */
public record HttpResponse(HttpResponseStatus status, AsciiString contentType, byte[] body) {

    private static final AsciiString TEXT = AsciiString.cached("text/plain; charset=utf-8");

    /** {@code 503}: a stage that runs the work on a bounded pool (the offload stages) turns the request away at once. */
    public static final HttpResponse QUEUE_FULL = text(HttpResponseStatus.SERVICE_UNAVAILABLE,
            "server busy: the worker queue is full, try again later\n");

    /** {@code 500}: the handler failed; the client still gets an answer, or it would wait for ever. */
    public static final HttpResponse INTERNAL_ERROR = text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error\n");

    /** {@code 200 OK} with a JSON body. */
    public static HttpResponse json(byte[] body) {
        return new HttpResponse(HttpResponseStatus.OK, HttpHeaderValues.APPLICATION_JSON, body);
    }

    /** A plain-text response, e.g. an error with a one-line explanation. */
    public static HttpResponse text(HttpResponseStatus status, String body) {
        return new HttpResponse(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }
}
