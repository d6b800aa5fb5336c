package io.asyncworkbench.vertx;

import io.asyncworkbench.http.ExchangePolicy;
import io.asyncworkbench.http.RequestHead;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;

/** A request Vert.x decoded, as the shared {@link ExchangePolicy} reads it. */
record VertxRequestHead(HttpServerRequest request) implements RequestHead {

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String target() {
        return request.uri();
    }

    @Override
    public int majorVersion() {
        return request.version() == io.vertx.core.http.HttpVersion.HTTP_2 ? 2 : 1;
    }

    @Override
    public int minorVersion() {
        return request.version() == io.vertx.core.http.HttpVersion.HTTP_1_0 ? 0 : 1;
    }

    @Override
    public List<String> values(Field field) {
        return request.headers().getAll(field.fieldName());
    }
}
