package io.asyncworkbench.http;

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

    /** Every value of the header field {@code name} (any case), one per field line, in order; empty when absent. */
    List<String> values(String name);
}
