package io.asyncworkbench.blocking;

import io.asyncworkbench.metrics.AcceptMetrics;
import io.asyncworkbench.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The accept loop against a listening socket that plays a script of accept results, no network. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BlockingAcceptLoopTest {

    private static final Duration PAUSE = Duration.ofMillis(1);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final AcceptMetrics metrics = new AcceptMetrics();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final List<Socket> served = new CopyOnWriteArrayList<>();
    private final List<Runnable> dones = new CopyOnWriteArrayList<>();

    @Test
    void shouldSkipPerConnectionErrors_withoutPausing() {
        run(Integer.MAX_VALUE, new IOException("Connection reset"), new IOException("Protocol error"), new Socket());
        assertEquals(1, served.size());
        assertEquals(1, metrics.errors("ECONNRESET"));
        assertEquals(1, metrics.errors("EPROTO"));
        assertEquals(0, metrics.pauses());
        assertEquals("", logText());
    }

    @Test
    void shouldPauseAndLogOncePerEpisode_whenFdsRunOut() {
        IOException emfile = new IOException("Too many open files");
        run(Integer.MAX_VALUE, emfile, emfile, emfile, new Socket(), emfile, new Socket());
        assertEquals(2, served.size());
        assertEquals(4, metrics.errors("EMFILE"));
        assertEquals(4, metrics.pauses());
        List<String> lines = logText().lines().toList();
        assertEquals(4, lines.size(), logText());
        assertTrue(lines.get(0).startsWith("accept failed: Too many open files (EMFILE); pausing accepts 1 ms"), lines.get(0));
        assertTrue(lines.get(0).endsWith("raise the per-process open file limit (ulimit -n)"), lines.get(0));
        assertEquals("accepting again after 3 failed accepts (EMFILE)", lines.get(1));
        assertTrue(lines.get(2).startsWith("accept failed: Too many open files (EMFILE)"), lines.get(2));
        assertEquals("accepting again after 1 failed accepts (EMFILE)", lines.get(3));
    }

    @Test
    void shouldPause_whenTheErrorIsUnknown() {
        run(Integer.MAX_VALUE, new IOException("Bad file descriptor"), new Socket());
        assertEquals(1, metrics.errors("IOException"));
        assertEquals(1, metrics.pauses());
        assertEquals(1, served.size());
    }

    /**
     * With the one slot taken, the loop must block until it is free. Its thread blocking is the
     * event to wait for: a loop that went on to accept() would have served the second socket, then
     * closed the listener at the script's end and returned, and never block.
     */
    @Test
    void shouldStopAccepting_whenEveryConnectionSlotIsTaken() throws Exception {
        ScriptedServerSocket listener = new ScriptedServerSocket(new Socket(), new Socket());
        Thread loop = Thread.ofPlatform().start(newLoop(listener, 1));
        Await.until(WAIT, "the loop blocks with the one slot taken", () -> isBlocked(loop));
        assertEquals(1, served.size(), "accepted a second connection with the one slot taken");
        assertEquals(1, listener.script.size(), "called accept() with the one slot taken");

        dones.getFirst().run();
        Await.until(WAIT, "the second connection is served once the slot is free", () -> served.size() == 2);
        dones.get(1).run();
        loop.join(WAIT);
        assertTrue(listener.isClosed());
        assertFalse(loop.isAlive(), "the loop returns once the listener is closed");
    }

    @Test
    void shouldReturn_whenTheListenerIsClosed() throws Exception {
        ScriptedServerSocket listener = new ScriptedServerSocket();
        listener.close();
        newLoop(listener, Integer.MAX_VALUE).run();
        assertTrue(served.isEmpty());
        assertEquals(0, metrics.pauses());
        assertFalse(logText().contains("accept failed"));
    }

    private void run(int maxConnections, Object... script) {
        try {
            newLoop(new ScriptedServerSocket(script), maxConnections).run();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private BlockingAcceptLoop newLoop(ServerSocket listener, int maxConnections) {
        return new BlockingAcceptLoop(listener, maxConnections, (socket, done) -> {
            dones.add(done);
            served.add(socket);
        }, metrics, PAUSE, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private static boolean isBlocked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /** accept() plays {@code script}: a Socket is returned, an IOException thrown; at its end the socket closes itself. */
    private static final class ScriptedServerSocket extends ServerSocket {

        final BlockingDeque<Object> script = new LinkedBlockingDeque<>();

        ScriptedServerSocket(Object... script) throws IOException {
            this.script.addAll(List.of(script));
        }

        @Override
        public Socket accept() throws IOException {
            Object next = script.poll();
            if (next == null) {
                close();
                throw new SocketException("Socket closed");
            }
            if (next instanceof IOException error) {
                throw error;
            }
            return (Socket) next;
        }
    }
}
