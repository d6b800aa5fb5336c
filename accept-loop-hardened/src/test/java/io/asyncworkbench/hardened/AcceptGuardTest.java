package io.asyncworkbench.hardened;

import io.asyncworkbench.metrics.ServerMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guard on an {@link EmbeddedChannel} standing in for the listening socket; accepted connections are EmbeddedChannels too. */
class AcceptGuardTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final ServerMetrics metrics = new ServerMetrics(Map.of());
    private final List<Throwable> passedOn = new ArrayList<>();
    private EmbeddedChannel listener;

    private void start(int maxConnections, SpareDescriptor spare) {
        AcceptGuard guard = new AcceptGuard(new AcceptBackoff(Duration.ofMillis(500), Duration.ofSeconds(2)),
                Duration.ofMillis(500), Duration.ofSeconds(2), new ConnectionLimiter(maxConnections, System::nanoTime),
                new AcceptLog(new PrintStream(log, true, StandardCharsets.UTF_8), 100), spare, metrics);
        listener = new EmbeddedChannel(guard, new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                passedOn.add(cause);
            }
        });
        listener.freezeTime();
    }

    private List<String> logLines() {
        return log.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private void advance(long millis) {
        listener.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        listener.runScheduledPendingTasks();
    }

    @Test
    void shouldStopAccepting_whenTheLimitIsReached_andResume_whenOneCloses() {
        start(2, null);
        EmbeddedChannel first = new EmbeddedChannel();
        listener.writeInbound(first);
        assertTrue(listener.config().isAutoRead());
        listener.writeInbound(new EmbeddedChannel());
        assertFalse(listener.config().isAutoRead(), "two of two tokens taken");
        assertSame(first, listener.readInbound(), "accepted connections go on to Netty's acceptor");

        first.close();
        listener.runPendingTasks();
        assertTrue(listener.config().isAutoRead(), "a token came back");
    }

    @Test
    void shouldPauseWithBackoff_andLogOnce_whenDescriptorsRunOut() {
        start(0, null);
        IOException emfile = new IOException("Too many open files");
        listener.pipeline().fireExceptionCaught(emfile);
        assertFalse(listener.config().isAutoRead());
        advance(499);
        assertFalse(listener.config().isAutoRead(), "first pause is 500 ms");
        advance(1);
        assertTrue(listener.config().isAutoRead());

        listener.pipeline().fireExceptionCaught(emfile);
        advance(999);
        assertFalse(listener.config().isAutoRead(), "second pause is 1 s");
        advance(1);
        assertTrue(listener.config().isAutoRead());

        assertEquals(1, logLines().size(), logLines().toString());
        assertEquals(2, metrics.accept().errors("EMFILE"));
        assertEquals(2, metrics.accept().pauses());
        assertTrue(passedOn.isEmpty(), "Netty's acceptor must not see the error (it would pause 1 s more)");

        listener.writeInbound(new EmbeddedChannel());
        assertEquals(2, logLines().size());
        assertTrue(logLines().get(1).contains("1 failed accepts in between"), logLines().toString());
        listener.pipeline().fireExceptionCaught(emfile);
        advance(500);
        assertTrue(listener.config().isAutoRead(), "an accepted connection resets the backoff");
    }

    @Test
    void shouldAcceptAgainAtOnce_whenAConnectionClosesWhileOutOfDescriptors() {
        start(0, null);
        EmbeddedChannel served = new EmbeddedChannel();
        listener.writeInbound(served);
        IOException emfile = new IOException("Too many open files");
        listener.pipeline().fireExceptionCaught(emfile);
        assertFalse(listener.config().isAutoRead());

        served.close();
        listener.runPendingTasks();
        assertTrue(listener.config().isAutoRead(), "its descriptor is free: accept now, not when the 500 ms pause ends");
        assertTrue(logLines().get(0).contains("stopped accepting until a connection closes"), logLines().toString());

        listener.pipeline().fireExceptionCaught(emfile);
        advance(500);
        assertFalse(listener.config().isAutoRead(), "the first pause's timer was cancelled: it does not cut the second (1 s) short");
        advance(500);
        assertTrue(listener.config().isAutoRead());
        assertEquals(2, metrics.accept().pauses());
    }

    @Test
    void shouldWaitOutThePause_whenAConnectionClosesAfterAShortageOfSocketMemory() {
        start(0, null);
        EmbeddedChannel served = new EmbeddedChannel();
        listener.writeInbound(served);
        listener.pipeline().fireExceptionCaught(new IOException("No buffer space available"));
        served.close();
        listener.runPendingTasks();
        assertFalse(listener.config().isAutoRead(), "a closed connection frees a descriptor, not necessarily memory");
        advance(500);
        assertTrue(listener.config().isAutoRead());
    }

    @Test
    void shouldKeepAccepting_whenOnePeerGaveUp() {
        start(0, null);
        listener.pipeline().fireExceptionCaught(new IOException("Software caused connection abort"));
        assertTrue(listener.config().isAutoRead());
        assertEquals(1, metrics.accept().errors("ECONNABORTED"));
        assertEquals(0, metrics.accept().pauses());
        assertTrue(logLines().isEmpty());
        assertTrue(passedOn.isEmpty());
    }

    @Test
    void shouldPauseToo_whenTheErrorIsUnexpected() {
        start(0, null);
        listener.pipeline().fireExceptionCaught(new IllegalStateException("surprise"));
        assertFalse(listener.config().isAutoRead());
        assertEquals(1, metrics.accept().errors("IllegalStateException"));
    }

    @Test
    void shouldCloseAcceptedConnectionsAtOnce_whenSheddingOnEmfile() {
        SpareDescriptor spare = new SpareDescriptor();
        start(0, spare);
        listener.pipeline().fireExceptionCaught(new IOException("Too many open files"));
        assertTrue(listener.config().isAutoRead(), "shedding keeps accepting");
        assertFalse(spare.isHeld(), "the spare is given up");

        EmbeddedChannel shed = new EmbeddedChannel();
        listener.writeInbound(shed);
        assertFalse(shed.isOpen(), "closed at once");
        assertTrue(listener.inboundMessages().isEmpty(), "not passed on to be served");
        assertTrue(spare.isHeld(), "the spare is taken again after the read");
        assertTrue(metrics.render().contains("server_accept_shed_total 1"), metrics.render());

        EmbeddedChannel served = new EmbeddedChannel();
        listener.writeInbound(served);
        assertTrue(served.isOpen());
        assertEquals(2, logLines().size(), "shedding line, then accepting again");
        spare.release();
    }

    @Test
    void shouldPause_whenSheddingFindsNoSpare() {
        SpareDescriptor spare = new SpareDescriptor();
        start(0, spare);
        spare.release();
        listener.pipeline().fireExceptionCaught(new IOException("Too many open files"));
        assertFalse(listener.config().isAutoRead());
        assertEquals(1, metrics.accept().pauses());
    }
}
