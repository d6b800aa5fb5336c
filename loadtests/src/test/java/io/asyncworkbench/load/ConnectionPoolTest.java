package io.asyncworkbench.load;

import io.asyncworkbench.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool on embedded channels, each with a real connection's pipeline: the server's side is
 * played by the test, which answers requests and closes connections.
 */
class ConnectionPoolTest {

    private static final String OK = "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n";

    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final List<InetSocketAddress> locals = new ArrayList<>();
    private final Users users = new Users();
    private HttpMethod method = HttpMethod.GET;
    private ConnectionPool pool;

    @Test
    void shouldKeepOneConnectionPerUser_whenEveryResponseClosesItsConnection() {
        start(50, true);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 50; i++) {
            users.send();
        }
        EmbeddedChannel[] inFlight = withRequest().toArray(EmbeddedChannel[]::new);

        for (int i = 0; i < 10_000; i++) {
            int user = random.nextInt(inFlight.length);
            answer(inFlight[user]);
            inFlight[user] = channels.getLast(); // the user's next request, on a new connection
        }

        assertEquals(10_000, users.responses);
        assertEquals(0, users.failures);
        assertEquals(50 + 10_000, users.opened, "a connection opened per request");
        assertEquals(50, users.openNow);
        assertEquals(50, withRequest().size(), "every user has a request in flight");
        assertEquals(50, channels.stream().filter(EmbeddedChannel::isOpen).count(), "the others are closed");
    }

    @Test
    void shouldNeverSendOnAConnectionTheServerClosedWhileIdle() {
        start(3, false);
        for (int i = 0; i < 3; i++) {
            users.send();
        }
        List<EmbeddedChannel> first = withRequest();
        users.sendAgain = false;
        first.forEach(this::answer); // all three idle now, the last answered on top

        first.get(1).close(); // the server's idle timeout
        first.get(2).close();
        users.send();
        users.send();

        assertEquals(2, users.openNow);
        assertEquals(List.of(first.get(0), channels.get(3)), withRequest(), "the one idle left, then a new one");
        assertEquals(0, users.failures);
    }

    @Test
    void shouldLeaveHeldIdleConnectionsAlone() {
        start(4, true);
        int[] held = new int[1];
        pool.holdIdle(3, () -> held[0]++);
        List<EmbeddedChannel> idle = List.copyOf(channels);
        for (int i = 0; i < 4; i++) {
            users.send();
        }

        for (int i = 0; i < 100; i++) {
            answer(withRequest().getFirst());
        }
        idle.getFirst().close();

        assertEquals(3, held[0]);
        assertEquals(4, users.openNow, "held connections are not the pool's");
        assertEquals(4 + 100, users.opened);
        assertEquals(0, users.failures);
        for (EmbeddedChannel channel : idle) {
            assertNull(channel.readOutbound(), "no request on a held connection");
        }
        assertTrue(idle.get(1).isOpen() && idle.get(2).isOpen());
    }

    @Test
    void shouldFailEveryRequestInFlight_whenSweptWithoutALimit() {
        start(5, false);
        for (int i = 0; i < 5; i++) {
            users.send();
        }

        pool.sweep(System.nanoTime(), -1);

        assertEquals(5, users.failures);
        assertEquals(0, users.openNow);
        assertFalse(channels.stream().anyMatch(EmbeddedChannel::isOpen));
    }

    @Test
    void shouldWriteTheSameRequestBytes_requestAfterRequest() {
        start(1, false);
        users.send();
        EmbeddedChannel channel = channels.getFirst();
        ByteBuf first = channel.readOutbound();
        answer(channel); // the user's next request, on the same connection
        ByteBuf second = channel.readOutbound();

        String expected = "GET / HTTP/1.1\r\nhost: 127.0.0.1:8080\r\n\r\n";
        assertEquals(expected, first.toString(StandardCharsets.US_ASCII));
        assertEquals(expected, second.toString(StandardCharsets.US_ASCII));
        first.release();
        second.release();
    }

    /** HEAD: the response ends with its headers, though they announce a body; GET (the control): it waits for the body. */
    @ParameterizedTest
    @CsvSource({"HEAD, 1", "GET, 0"})
    void shouldEndAResponseWithItsHeaders_onlyWhenItAnswersHead(String requestMethod, int responses) {
        method = HttpMethod.valueOf(requestMethod);
        start(1, false);
        users.sendAgain = false;
        users.send();

        respond(channels.getFirst(), "HTTP/1.1 200 OK\r\ncontent-length: 49\r\n\r\n");

        assertEquals(responses, users.responses);
    }

    @Test
    void shouldConnectFromEachSourceAddressInTurn_startingAtTheLoopsOwn() throws Exception {
        List<InetAddress> sources = List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3"));
        start(8, false, sources, 1, 2); // loop 1 of 2: 4 connections
        for (int i = 0; i < 4; i++) {
            users.send();
        }

        assertEquals(List.of("127.0.0.3:0", "127.0.0.2:0", "127.0.0.3:0", "127.0.0.2:0"),
                locals.stream().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).toList());
    }

    private void start(int maxConnections, boolean clientClose) {
        start(maxConnections, clientClose, List.of(), 0, 1);
    }

    private void start(int maxConnections, boolean clientClose, List<InetAddress> sources, int loop, int loops) {
        LoadPlan plan = new LoadPlan(URI.create("http://127.0.0.1:8080/"), method, List.of(), LoadPlan.Model.CLOSED,
                0, maxConnections, 0, Duration.ZERO, null, null, Duration.ZERO, null, Duration.ofSeconds(1), 1,
                maxConnections, false, clientClose, 0, sources, Transport.NIO, null, null, null, "test");
        ClientChannels pipelines = new ClientChannels(plan, Transport.NIO, null);
        pool = new ConnectionPool(users, plan, (InetSocketAddress local, ChannelHandler connection) -> {
            locals.add(local);
            EmbeddedChannel channel = new EmbeddedChannel();
            pipelines.addHandlers(channel.pipeline(), connection);
            channels.add(channel);
            return channel.newSucceededFuture();
        }, new EmbeddedChannel().eventLoop(), loop, loops);
    }

    /** The open channels with a request the server has not answered, oldest channel first. */
    private List<EmbeddedChannel> withRequest() {
        return channels.stream().filter(c -> c.isOpen() && !c.outboundMessages().isEmpty()).toList();
    }

    private void answer(EmbeddedChannel channel) {
        respond(channel, OK);
    }

    /** Reads the requests on {@code channel}, and writes {@code response} back. */
    private static void respond(EmbeddedChannel channel, String response) {
        Object request;
        while ((request = channel.readOutbound()) != null) {
            ReferenceCountUtil.release(request);
        }
        channel.writeInbound(Unpooled.copiedBuffer(response, StandardCharsets.US_ASCII));
    }

    /** Users that send again after each response, and what the pool told them. */
    private final class Users implements ConnectionPool.Outcomes {

        boolean sendAgain = true;
        int responses;
        int failures;
        int opened;
        int openNow;

        void send() {
            long now = System.nanoTime();
            pool.submit(now, 0, now);
        }

        @Override
        public void connectionOpened(int openNow, long now) {
            opened++;
            this.openNow = openNow;
        }

        @Override
        public void openConnections(int openNow) {
            this.openNow = openNow;
        }

        @Override
        public void responded(int status, long intended, long start, int remainingAfter, long now) {
            assertEquals(200, status);
            responses++;
            if (sendAgain) {
                send();
            }
        }

        @Override
        public void requestFailed(long intended, int remainingAfter, ErrorClass errorClass, Throwable cause, long now) {
            failures++;
        }
    }
}
