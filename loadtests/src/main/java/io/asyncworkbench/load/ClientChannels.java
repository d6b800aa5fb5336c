package io.asyncworkbench.load;

import io.asyncworkbench.server.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;

import java.util.function.Supplier;

/**
 * The client side of the shared {@link Transport}: the socket channel class of each transport
 * and the bootstrap of one event loop's connections, whose pipeline is Netty's
 * {@link HttpClientCodec} and a {@link Connection}.
 *
 * <p>The response decoder skips header validation: the generator only reads the status and the
 * framing, and checking every header name of every response would cost it throughput.
 */
final class ClientChannels {

    private ClientChannels() {
    }

    static Class<? extends Channel> socketChannelClass(Transport resolved) {
        return switch (resolved) {
            case EPOLL -> EpollSocketChannel.class;
            case IO_URING -> IoUringSocketChannel.class;
            default -> NioSocketChannel.class;
        };
    }

    /** The bootstrap that opens {@code loop}'s connections to the plan's server. */
    static Bootstrap bootstrap(LoadPlan plan, Transport resolved, EventLoop loop, Supplier<ChannelHandler> connection) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(socketChannelClass(resolved))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, plan.timeout().toMillis()))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        HttpDecoderConfig decoder = new HttpDecoderConfig()
                                .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false))
                                .setTrailersFactory(DefaultHttpHeadersFactory.trailersFactory().withValidation(false));
                        ch.pipeline().addLast(new HttpClientCodec(decoder, false, false), connection.get());
                    }
                });
        if (resolved == Transport.EPOLL && !plan.sourceAddresses().isEmpty()) {
            // Pick the local port at connect(), by the full 4-tuple, not at bind(): many more ports per address.
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        return bootstrap;
    }
}
