package io.asyncworkbench.http;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * A decoded HTTP request, the book's {@code case class HttpRequest(method, uri, headers, body)}.
 *
 * <p>The fields are views, not copies: {@code headers} are the decoder's own, and a request without
 * a body shares one empty array. Building one for a {@code GET} allocates only this record.
 */
public record HttpRequest(String method, String uri, HttpHeaders headers, byte[] body) {

    static final byte[] NO_BODY = new byte[0];

    /** The URI without its query string: {@code /data?x=1} has the path {@code /data}. */
    public String path() {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
