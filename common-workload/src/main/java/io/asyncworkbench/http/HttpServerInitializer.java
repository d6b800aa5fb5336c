package io.asyncworkbench.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The HTTP pipeline of every Netty stage: Netty's HTTP/1.1 codec with the server's size limits,
 * then one {@link HttpServerHandler}. Every connection is also added to {@code connections}, so
 * a graceful shutdown can close the idle ones.
 */
public final class HttpServerInitializer extends ChannelInitializer<Channel> {

    /** The pipeline's handler names, for stages that add handlers around them. */
    public static final String CODEC = "codec";
    public static final String HANDLER = "handler";

    private final RequestHandler handler;
    private final RequestExecutor executor;
    private final HttpServerContext context;
    private final ChannelGroup connections;

    public HttpServerInitializer(RequestHandler handler, RequestExecutor executor, HttpServerContext context, ChannelGroup connections) {
        this.handler = handler;
        this.executor = executor;
        this.context = context;
        this.connections = connections;
    }

    @Override
    protected void initChannel(Channel ch) {
        connections.add(ch);
        HttpLimits limits = context.limits();
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxRequestLineBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes());
        ch.pipeline()
                .addLast(CODEC, new HttpServerCodec(decoder))
                .addLast(HANDLER, new HttpServerHandler(handler, executor, context));
    }
}
