package io.asyncworkbench.load;

import io.asyncworkbench.transport.Transport;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The channels the generator opens: Nagle off (Netty's default, which it relies on), the response decoder in the pipeline. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ClientChannelsTest {

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "NIO"})
    void shouldOpenIpv4ChannelsWithNagleOffAndTheResponseDecoder(Transport transport) throws Exception {
        EventLoopGroup group = transport.newEventLoopGroup(1, "client-channels-test");
        try (ServerSocket server = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            LoadPlan plan = LoadPlanFixtures.open("http://127.0.0.1:" + server.getLocalPort() + "/");
            ChannelFuture connected = group.next().submit(() ->
                    new ClientChannels(plan, transport, group.next())
                            .connect(null, new ChannelInboundHandlerAdapter())).get();

            assertTrue(connected.await(5, TimeUnit.SECONDS) && connected.isSuccess(), String.valueOf(connected.cause()));
            SocketChannel channel = (SocketChannel) connected.channel();
            assertTrue(channel.config().isTcpNoDelay(), "TCP_NODELAY");
            assertNotNull(channel.pipeline().get(HttpResponseDecoder.class));
            assertEquals("127.0.0.1", channel.localAddress().getAddress().getHostAddress(), "an IPv4 socket, not v4-mapped");
            channel.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void shouldUseTheEpollTransportHere() {
        assertEquals(Transport.EPOLL, Transport.AUTO.resolve(), "Linux x86-64: the native epoll library loads");
    }
}
