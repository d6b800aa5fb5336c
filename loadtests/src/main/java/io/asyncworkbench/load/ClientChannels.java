package io.asyncworkbench.load;

import io.asyncworkbench.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseDecoder;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;

/**
 * Opens one event loop's client connections: a socket channel of the shared {@link Transport},
 * whose pipeline is Netty's {@link HttpResponseDecoder} and a {@link Connection}, registered on
 * that loop and connected.
 *
 * <p>It does what {@code Bootstrap.connect} does, minus what a generator opening thousands of
 * connections per second pays for nothing: no {@code ChannelInitializer} added and removed per
 * channel, no resolver lookup for an address already resolved, no extra task hop before the
 * connect. An IPv4 target gets an IPv4 socket (Netty's default is a dual-stack IPv6 one, and the
 * kernel then takes the v4-mapped path on every connect). TCP_NODELAY is Netty's default for
 * socket channels, so it costs no extra system call here.
 *
 * <p>No encoder: the pool writes the request's bytes, encoded once. So the decoder cannot learn each
 * request's method from the encoder as {@code HttpClientCodec}'s does, and is told instead whether
 * the requests are {@code HEAD} (a response to HEAD has no body, whatever its headers say). It
 * skips header validation: the generator reads only the status and the framing, and checking
 * every header of every response would cost it throughput.
 */
final class ClientChannels implements ConnectionPool.Connector {

    private final Transport transport;
    private final EventLoop eventLoop;
    private final InetSocketAddress remote;
    private final SocketProtocolFamily family;
    private final int connectTimeoutMillis;
    private final boolean bindAddressNoPort;
    private final boolean headRequests;
    private final HttpDecoderConfig decoder = new HttpDecoderConfig()
            .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false))
            .setTrailersFactory(DefaultHttpHeadersFactory.trailersFactory().withValidation(false));

    ClientChannels(LoadPlan plan, Transport resolved, EventLoop eventLoop) {
        this.transport = resolved;
        this.eventLoop = eventLoop;
        this.remote = new InetSocketAddress(plan.host(), plan.port());
        this.family = remote.getAddress() instanceof Inet4Address ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, plan.timeout().toMillis());
        // Pick the local port at connect(), by the full 4-tuple, not at bind(): many more ports per address.
        this.bindAddressNoPort = resolved == Transport.EPOLL && !plan.sourceAddresses().isEmpty();
        this.headRequests = HttpMethod.HEAD.equals(plan.method());
    }

    /** Opens a connection to the plan's server, from {@code local} when it is not null. */
    @Override
    public ChannelFuture connect(InetSocketAddress local, ChannelHandler connection) {
        Channel channel = newChannel();
        channel.config().setConnectTimeoutMillis(connectTimeoutMillis);
        if (bindAddressNoPort) {
            channel.config().setOption(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        addHandlers(channel.pipeline(), connection);
        ChannelFuture registered = eventLoop.register(channel);
        if (registered.isDone() && !registered.isSuccess()) {
            channel.unsafe().closeForcibly();
            return registered;
        }
        return local == null ? channel.connect(remote) : channel.connect(remote, local);
    }

    /** Every connection's pipeline: the response decoder, then {@code connection}. */
    void addHandlers(ChannelPipeline pipeline, ChannelHandler connection) {
        pipeline.addLast(new ResponseDecoder(decoder, headRequests), connection);
    }

    /** Netty's response decoder, for responses to requests that are all HEAD or all not. */
    private static final class ResponseDecoder extends HttpResponseDecoder {

        private final boolean headRequests;

        ResponseDecoder(HttpDecoderConfig config, boolean headRequests) {
            super(config);
            this.headRequests = headRequests;
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage msg) {
            return headRequests || super.isContentAlwaysEmpty(msg);
        }
    }

    private Channel newChannel() {
        return switch (transport) {
            case EPOLL -> new EpollSocketChannel(family);
            case IO_URING -> new IoUringSocketChannel();
            default -> new NioSocketChannel(SelectorProvider.provider(), family);
        };
    }
}
