package io.asyncworkbench.http;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import java.util.List;

/**
 * A request decoded by Netty's codec, as {@link ExchangePolicy} reads it; and the answer to a
 * request the codec could not decode (Vert.x decodes with the same codec, so it uses it too).
 */
public record NettyRequestHead(HttpRequest request) implements RequestHead {

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
        return request.protocolVersion().majorVersion();
    }

    @Override
    public int minorVersion() {
        return request.protocolVersion().minorVersion();
    }

    @Override
    public List<String> values(Field field) {
        // Most fields the policy asks for are absent: one lookup, then no list at all.
        return request.headers().contains(field.fieldName()) ? request.headers().getAll(field.fieldName()) : List.of();
    }

    /**
     * A request line over the limit → 414, headers over the limit → 431, a version marked
     * {@link UnsupportedVersionException} → 505, anything else malformed → 400.
     */
    public static Verdict rejection(Throwable cause) {
        if (cause instanceof UnsupportedVersionException) {
            return Verdict.VERSION_NOT_SUPPORTED;
        }
        if (cause instanceof TooLongHttpLineException) {
            return Verdict.reject(414, "request line too long");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return Verdict.reject(431, "header fields too large");
        }
        return Verdict.reject(400, "bad request: " + (cause == null ? "malformed" : cause.getMessage()));
    }

    /** The cause of a decoded request failed for its major version, by a decoder that cannot answer 505 itself (Vert.x's). */
    public static final class UnsupportedVersionException extends DecoderException {

        public UnsupportedVersionException(String version) {
            super("unsupported HTTP version: " + version);
        }
    }
}
