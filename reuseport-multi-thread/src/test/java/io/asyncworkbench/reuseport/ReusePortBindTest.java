package io.asyncworkbench.reuseport;

import io.asyncworkbench.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What stage 2 relies on, shown with two listening sockets on one port: the second bind succeeds
 * only when both sockets set {@code SO_REUSEPORT} (as Netty's {@code EpollReuseAddrTest} checks).
 * Without the option, the second bind is refused ({@code EADDRINUSE}), on every transport.
 */
@Timeout(30)
class ReusePortBindTest {

    private final List<EventLoopGroup> groups = new ArrayList<>();
    private final List<Channel> listeners = new ArrayList<>();

    @AfterEach
    void closeAll() throws InterruptedException {
        for (Channel listener : listeners) {
            listener.close().sync();
        }
        for (EventLoopGroup group : groups) {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS).sync();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "IO_URING", "NIO"})
    void secondSocket_shouldBindTheSamePort_whenBothSetReusePort(Transport transport) throws Exception {
        int port = bind(transport, 0, true);
        assertEquals(port, bind(transport, port, true));
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "IO_URING", "NIO"})
    void secondSocket_shouldFailToBind_whenItLacksReusePort(Transport transport) throws Exception {
        int port = bind(transport, 0, true);
        assertAddressInUse(assertThrows(Exception.class, () -> bind(transport, port, false)));
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "IO_URING", "NIO"})
    void secondSocket_shouldFailToBind_whenNeitherSetsReusePort(Transport transport) throws Exception {
        int port = bind(transport, 0, false);
        assertAddressInUse(assertThrows(Exception.class, () -> bind(transport, port, false)));
    }

    /** Binds a listening socket on 127.0.0.1:{@code port} (0 picks one) and returns the port bound. */
    private int bind(Transport transport, int port, boolean reusePort) throws InterruptedException {
        Transport concrete = available(transport);
        EventLoopGroup group = concrete.newEventLoopGroup(1, "bind-test");
        groups.add(group);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(concrete.serverChannelClass())
                .childHandler(new ChannelInboundHandlerAdapter());
        if (reusePort) {
            bootstrap.option(concrete.reusePortOption(), true);
        }
        Channel listener = bootstrap.bind("127.0.0.1", port).sync().channel();
        listeners.add(listener);
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private static void assertAddressInUse(Exception refused) {
        assertTrue(String.valueOf(refused.getMessage()).contains("Address already in use"), refused.toString());
    }

    private static Transport available(Transport transport) {
        try {
            return transport.resolve();
        } catch (IllegalStateException notHere) {
            assumeTrue(false, notHere.getMessage());
            throw notHere;
        }
    }
}
