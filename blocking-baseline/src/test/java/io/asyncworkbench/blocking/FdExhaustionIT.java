package io.asyncworkbench.blocking;

import io.asyncworkbench.testing.Await;
import io.asyncworkbench.testing.StageProcess;
import io.asyncworkbench.testing.TcpTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accept-loop chapter's test ({@code ulimit -n 100}, then {@code wrk -c 1000}), sized for a
 * test: the running server's fd limit is lowered to one more than it holds, 20 clients
 * connect and wait, and the server must pause accepting and say so once per episode, print no
 * stack traces, and serve again once the clients leave. Virtual threads, because their reads
 * need the JDK's poller, which needs fds of its own to start (see {@code ThreadKind}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FdExhaustionIT {

    private static final Path JAR = Path.of("target/blocking-baseline.jar");
    // One spare fd: the first connection takes it, so nothing that starts lazily afterwards can open one.
    private static final int SPARE_FDS = 1;
    private static final int CLIENTS = 20;

    @Test
    void shouldPauseAcceptingAndServeAgain_whenFdsRunOut() throws Exception {
        try (StageProcess server = StageProcess.start(JAR, "--threads", "virtual")) {
            limitOpenFiles(server.pid(), openFiles(server.pid()) + SPARE_FDS);
            List<Socket> clients = new ArrayList<>();
            try {
                // The kernel completes these connections; the server runs out of fds accepting them.
                for (int i = 0; i < CLIENTS; i++) {
                    clients.add(new Socket(InetAddress.getLoopbackAddress(), server.port()));
                }
                Await.until(Duration.ofSeconds(20), "the server says it ran out of fds",
                        () -> server.stderr().contains("accept failed: Too many open files (EMFILE)"));
            } finally {
                for (Socket client : clients) {
                    client.close();
                }
            }

            // A new client whose request arrives late, so the server's virtual thread has to wait for it (in the JDK's poller).
            try (KeepAliveClient client = new KeepAliveClient(server.port(), 20_000)) {
                Await.until(Duration.ofSeconds(20), "the server's thread waits to read the late client's request",
                        () -> TcpTable.serverEnd(server.port(), client.socket()).filter(end -> end.polledBy(server.pid())).isPresent());
                assertEquals(200, client.get("/data").status());
                assertTrue(client.get("/metrics").body().contains("server_accept_errors_total{kind=\"EMFILE\"}"));
            }
            String log = server.stderr();
            long episodes = log.lines().filter(l -> l.startsWith("accept failed: Too many open files (EMFILE)")).count();
            long recoveries = log.lines().filter(l -> l.startsWith("accepting again after ")).count();
            assertTrue(episodes >= 1 && episodes <= recoveries + 1, log);
            assertFalse(log.contains("\tat "), "a stack trace in the log: " + log);
        }
    }

    private static long openFiles(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        }
    }

    /** Lowers a running process's open-file limit (soft and hard), as {@code ulimit -n} would have at its start. */
    private static void limitOpenFiles(long pid, long limit) throws IOException, InterruptedException {
        Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(pid), "--nofile=" + limit + ":" + limit)
                .redirectErrorStream(true).start();
        String output = new String(prlimit.getInputStream().readAllBytes());
        assertTrue(prlimit.waitFor(10, TimeUnit.SECONDS) && prlimit.exitValue() == 0, "prlimit failed: " + output);
    }
}
