package io.asyncworkbench.http;

import io.netty.util.AsciiString;

import java.util.List;

/**
 * The head of a request (request line and header fields) as {@link ExchangePolicy} reads it,
 * whatever decoded it: Netty's codec (the Netty stages and the blocking server, {@link NettyRequestHead})
 * or Vert.x (its {@code ExchangeHandler}). The decoder has already checked the grammar of the
 * request line and of each field line; the policy checks what the grammar alone cannot.
 */
public interface RequestHead {

    /** The method token as received, case kept: {@code GET}. */
    String method();

    /** The request-target as received: {@code /data?x=1}, {@code http://host/data}, {@code *}. */
    String target();

    /** The request line's major version: 1 for {@code HTTP/1.1}, 7 for {@code HTTP/7.1}. */
    int majorVersion();

    /** The request line's minor version: 0 for {@code HTTP/1.0}. */
    int minorVersion();

    /** Every value of the header field {@code field}, one per field line, in order; empty when absent. */
    List<String> values(Field field);

    /**
     * The header fields the policy reads. Each name is an {@link AsciiString}, whose hash is
     * computed once: Netty's headers (and Vert.x's, built on them) hash a {@code String} name again
     * on every lookup, and the policy looks up five fields per request.
     */
    enum Field {
        TRANSFER_ENCODING("transfer-encoding"), CONTENT_LENGTH("content-length"), HOST("host"), EXPECT("expect"),
        CONNECTION("connection");

        private final AsciiString name;

        Field(String name) {
            this.name = AsciiString.cached(name);
        }

        /** The field's name, lower-case, ready for a header lookup. */
        public AsciiString fieldName() {
            return name;
        }
    }
}
