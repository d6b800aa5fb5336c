package io.asyncworkbench.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;

/**
 * The HTTP pipeline of every Netty stage: Netty's HTTP/1.1 decoder, made strict and given the
 * server's size limits ({@link Rfc9112RequestDecoder}), then one {@link HttpServerHandler}, which
 * writes its responses' bytes itself ({@link ResponseWriter}). Not {@code HttpServerCodec}: its
 * decoder cannot be configured past what {@code HttpDecoderConfig} offers, and its encoder costs a
 * quarter of a request's HTTP time for responses that have at most five header fields. Every
 * connection is also added to {@code connections}, if given, so
 * a graceful shutdown can close the idle ones.
 */
public final class HttpServerInitializer extends ChannelInitializer<Channel> {

    /** The pipeline's handler names, for stages that add handlers around them. */
    public static final String DECODER = "decoder";
    public static final String HANDLER = "handler";

    private final RequestHandler handler;
    private final RequestExecutor executor;
    private final HttpServerContext context;
    /** Null when the server closes its connections by other means. */
    private final ChannelGroup connections;

    /**
     * For connections that are not a server's Netty channels: the blocking stage's
     * {@code EmbeddedChannel}s (not thread-safe, so a shutdown must not close them from another
     * thread), or a benchmark's.
     */
    public HttpServerInitializer(RequestHandler handler, RequestExecutor executor, HttpServerContext context) {
        this(handler, executor, context, null);
    }

    public HttpServerInitializer(RequestHandler handler, RequestExecutor executor, HttpServerContext context, ChannelGroup connections) {
        this.handler = handler;
        this.executor = executor;
        this.context = context;
        this.connections = connections;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (connections != null) {
            connections.add(ch);
        }
        ch.pipeline()
                .addLast(DECODER, new Rfc9112RequestDecoder(context.limits()))
                .addLast(HANDLER, new HttpServerHandler(handler, executor, context));
    }
}
