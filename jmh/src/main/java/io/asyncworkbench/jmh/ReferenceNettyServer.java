package io.asyncworkbench.jmh;

import io.asyncworkbench.cli.WorkloadSpec;
import io.asyncworkbench.workload.FaithfulWorkload;
import io.asyncworkbench.workload.Workload;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The yardstick for stage 1: the smallest Netty server that serves {@code GET /data} with the
 * blog's workload, written as Netty's own examples are. One epoll event loop, {@code HttpServerCodec},
 * one handler that runs the workload for every request head, writes a keep-alive response and
 * flushes once per read batch. No routing, no metrics, no request policy, no limits: what is left
 * is what any Netty server pays, so stage 1's rate against this one's is what our shared core costs.
 * Never a stage; {@code scripts/wrk-compare.sh} runs it beside stage 1.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.asyncworkbench.jmh.ReferenceNettyServer [--host H] [--port P]
 * </pre>
 */
public final class ReferenceNettyServer {

    private ReferenceNettyServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        String host = "127.0.0.1";
        int port = 8080;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (args[i].equals("--host") && value != null) {
                host = value;
            } else if (args[i].equals("--port") && value != null && value.matches("\\d{1,5}")) {
                port = Integer.parseInt(value);
            } else {
                System.err.println("bad option " + args[i] + (value == null ? "" : " " + value) + "; usage: ReferenceNettyServer [--host H] [--port P]");
                System.exit(2);
            }
        }
        Workload workload = new FaithfulWorkload(WorkloadSpec.BLOG_ITERATIONS);
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            Channel listener = new ServerBootstrap()
                    .group(loop)
                    .channel(EpollServerSocketChannel.class)
                    .childHandler(initializer(workload))
                    .bind(host, port).sync().channel();
            System.out.println("reference server listening on " + listener.localAddress());
            listener.closeFuture().sync();
        } finally {
            loop.shutdownGracefully();
        }
    }

    /** Every connection's pipeline: Netty's codec, then {@link DataHandler}. */
    static ChannelInitializer<Channel> initializer(Workload workload) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpServerCodec(), new DataHandler(workload));
            }
        };
    }

    /** Answers every request head with the workload's JSON; the codec's content messages pass by. */
    private static final class DataHandler extends SimpleChannelInboundHandler<HttpObject> {

        private final Workload workload;

        DataHandler(Workload workload) {
            this.workload = workload;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest) {
                byte[] body = workload.run();
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.wrappedBuffer(body));
                response.headers()
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                ctx.write(response, ctx.voidPromise());
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
