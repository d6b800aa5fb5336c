package io.asyncworkbench.vertx;

import io.asyncworkbench.http.NettyRequestHead;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.regex.Pattern;

/**
 * Puts the request line's version (and field names) through the shared rules before Vert.x sees them. Left alone,
 * Vert.x answers any version but {@code HTTP/1.0} and {@code HTTP/1.1} itself, with 501 and the
 * client's version echoed ({@code HTTP/7.1 501 Not Implemented}), before any handler of ours runs.
 * This Netty handler sits in Vert.x's pipeline between its decoder and its connection, and turns
 *
 * <pre>
 * HTTP/1.2             into HTTP/1.1 (a higher minor version is served as the highest known, RFC 9110 §6.2)
 * HTTP/7.1, HTTP/2.0   into an HTTP/1.1 request failed with UnsupportedVersionException: 505
 * http/1.1, HTTP/1.10  into an HTTP/1.1 request failed as malformed: 400 (RFC 9112 §2.3: HTTP/DIGIT.DIGIT, case-sensitive)
 * </pre>
 *
 * It also fails a request with an empty field name ({@code : z}), which Vert.x's decoder lets
 * through and Netty's own refuses (RFC 9110 §5.1: a field name is a token, one character or more).
 *
 * <p>A failed request goes to the server's {@code invalidRequestHandler}, which answers it as the
 * Netty stages do. Netty's decoder keeps {@code HTTP/1.0} and {@code HTTP/1.1} as its two shared
 * constants only when they were sent to the letter, so any other instance came from other bytes.
 */
final class StrictRequestFilter extends ChannelInboundHandlerAdapter {

    private static final Pattern GRAMMAR = Pattern.compile("HTTP/[0-9]\\.[0-9]");

    /** Adds the check to {@code connection}'s pipeline (Vert.x's internals: its connection handler is named "handler"). */
    static void install(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            base.channel().pipeline().addBefore("handler", "strict-request", new StrictRequestFilter());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            if (request.headers().contains("")) {
                request.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("empty field name")));
            }
            HttpVersion version = request.protocolVersion();
            if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
                request.setProtocolVersion(HttpVersion.HTTP_1_1);
                if (!GRAMMAR.matcher(version.text()).matches() || version.text().equals("HTTP/1.1") || version.text().equals("HTTP/1.0")) {
                    request.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("invalid HTTP-version: HTTP/DIGIT.DIGIT expected")));
                } else if (version.majorVersion() != 1) {
                    request.setDecoderResult(DecoderResult.failure(new NettyRequestHead.UnsupportedVersionException(version.text())));
                }
            }
        }
        ctx.fireChannelRead(msg);
    }
}
