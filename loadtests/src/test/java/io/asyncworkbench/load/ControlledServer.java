package io.asyncworkbench.load;

import io.asyncworkbench.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP server whose behaviour a test chooses: answer 200, answer 500, reset the
 * connection, never answer, or hold every response for a while once ("stall"). It counts the
 * connections it accepted, the requests it read and the connections the client closed first
 * (end of stream read before the server closed), so a test can compare them with what the
 * generator reports, and the connections that have ended either way. One event loop, port 0.
 */
final class ControlledServer implements AutoCloseable {

    enum Behaviour { OK, STATUS_500, RESET, SILENT }

    private final Behaviour behaviour;
    private final EventLoopGroup group;
    private final Channel listener;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicLong firstRequestNanos = new AtomicLong();
    private volatile long stallAfterNanos = -1;
    private volatile long stallNanos;

    private ControlledServer(Behaviour behaviour) throws InterruptedException {
        this.behaviour = behaviour;
        Transport transport = Transport.AUTO.resolve();
        this.group = transport.newEventLoopGroup(1, "controlled-server");
        this.listener = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.incrementAndGet();
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1024), new Handler());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    static ControlledServer start(Behaviour behaviour) throws InterruptedException {
        return new ControlledServer(behaviour);
    }

    /** From {@code after} past the first request, holds every response until {@code length} has passed. */
    ControlledServer stallOnce(Duration after, Duration length) {
        stallNanos = length.toNanos();
        stallAfterNanos = after.toNanos();
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/data";
    }

    int port() {
        return ((java.net.InetSocketAddress) listener.localAddress()).getPort();
    }

    int accepted() {
        return accepted.get();
    }

    int requests() {
        return requests.get();
    }

    /** Connections whose end of stream the server read before it closed them itself. */
    int closedByClient() {
        return closedByClient.get();
    }

    /** Connections that have ended, closed by either side. */
    int ended() {
        return ended.get();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private boolean serverClosed;

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!serverClosed) {
                closedByClient.incrementAndGet();
            }
            ended.incrementAndGet();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            long now = System.nanoTime();
            requests.incrementAndGet();
            firstRequestNanos.compareAndSet(0, now);
            switch (behaviour) {
                case SILENT -> { }
                case RESET -> {
                    serverClosed = true;
                    ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                    ctx.close();
                }
                default -> respond(ctx, HttpUtil.isKeepAlive(request), now);
            }
        }

        private void respond(ChannelHandlerContext ctx, boolean keepAlive, long now) {
            HttpResponseStatus status = behaviour == Behaviour.STATUS_500
                    ? HttpResponseStatus.INTERNAL_SERVER_ERROR : HttpResponseStatus.OK;
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer("{\"ok\":true}", StandardCharsets.US_ASCII));
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            HttpUtil.setKeepAlive(response, keepAlive);
            long stallStart = firstRequestNanos.get() + stallAfterNanos;
            long holdNanos = stallAfterNanos >= 0 && now >= stallStart ? stallStart + stallNanos - now : 0;
            Runnable write = () -> {
                var written = ctx.writeAndFlush(response);
                if (!keepAlive) {
                    serverClosed = true;
                    written.addListener(ChannelFutureListener.CLOSE);
                }
            };
            if (holdNanos > 0) {
                ctx.executor().schedule(write, holdNanos, TimeUnit.NANOSECONDS);
            } else {
                write.run();
            }
        }
    }
}
