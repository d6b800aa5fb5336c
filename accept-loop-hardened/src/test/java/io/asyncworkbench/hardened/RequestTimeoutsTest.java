package io.asyncworkbench.hardened;

import io.asyncworkbench.http.RequestExecutor;
import io.asyncworkbench.server.HttpStage;
import io.asyncworkbench.server.ServerOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deadlines around the shared HTTP pipeline, on an EmbeddedChannel with a mock clock: header 2 s, idle 5 s. */
class RequestTimeoutsTest {

    private static final String REQUEST = "GET /data HTTP/1.1\r\nHost: x\r\n\r\n";
    private final MockTicker clock = Ticker.newMockTicker();
    private HttpStage http;
    private EmbeddedChannel channel;

    @BeforeEach
    void connect() {
        http = HttpStage.create("test", CommandLine.populateCommand(new ServerOptions(), "--port", "0"), 1);
        channel = EmbeddedChannel.builder().ticker(clock).handlers(RequestTimeouts.around(
                http.initializer(RequestExecutor.INLINE), Duration.ofSeconds(2), Duration.ofSeconds(5), http.metrics())).build();
    }

    @AfterEach
    void noLeaks() {
        assertFalse(channel.finishAndReleaseAll());
    }

    private void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    private String received() {
        StringBuilder text = new StringBuilder();
        for (ByteBuf buf; (buf = channel.readOutbound()) != null; buf.release()) {
            text.append(buf.toString(StandardCharsets.US_ASCII));
        }
        return text.toString();
    }

    private void advance(long millis) {
        clock.advance(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void shouldAnswer408AndClose_whenHeadersDoNotArriveInTime() {
        send("GET /data HTTP/1.1\r\n");
        advance(1000);
        send("X-Slow: 1\r\n");
        advance(999);
        assertTrue(channel.isOpen(), "bytes arriving do not extend the header deadline, but it is not over yet");
        advance(1);
        assertTrue(received().startsWith("HTTP/1.1 408 Request Timeout\r\n"));
        assertFalse(channel.isOpen());
        String metrics = http.metrics().render();
        assertTrue(metrics.contains("server_header_timeouts_total 1"), metrics);
        assertTrue(metrics.contains("status=\"408\"} 1"), metrics);
        assertFalse(metrics.contains("status=\"400\""), "the half-received request is not also answered 400: " + metrics);
        assertTrue(metrics.contains("server_requests_in_flight{thread=\"" + Thread.currentThread().getName() + "\"} 0"), metrics);
    }

    @Test
    void shouldServe_whenHeadersArriveInTime() {
        advance(1900);
        send(REQUEST);
        assertTrue(received().startsWith("HTTP/1.1 200 OK\r\n"));
        advance(4900);
        assertTrue(channel.isOpen(), "idle, but less than the idle timeout");
    }

    @Test
    void shouldCloseQuietly_whenAKeepAliveConnectionIdles() {
        send(REQUEST);
        assertTrue(received().startsWith("HTTP/1.1 200 OK\r\n"));
        advance(4999);
        assertTrue(channel.isOpen());
        send(REQUEST);
        assertTrue(received().startsWith("HTTP/1.1 200 OK\r\n"), "a request restarts the idle time");
        advance(4999);
        assertTrue(channel.isOpen());
        advance(1);
        assertFalse(channel.isOpen());
        assertEquals("", received(), "an idle close sends nothing");
        assertTrue(http.metrics().render().contains("server_idle_timeouts_total 1"));
    }

    @Test
    void shouldApplyTheHeaderTimeout_whenAKeepAliveRequestDribbles() {
        send(REQUEST);
        received();
        advance(3000);
        send("GET /data HTTP/1.1\r\n");
        advance(2000);
        assertTrue(received().startsWith("HTTP/1.1 408 "), "2 s after its first byte, well before the 5 s idle timeout");
        assertFalse(channel.isOpen());
    }
}
