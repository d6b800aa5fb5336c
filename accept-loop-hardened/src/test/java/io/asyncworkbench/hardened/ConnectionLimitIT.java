package io.asyncworkbench.hardened;

import io.asyncworkbench.testing.Await;
import io.asyncworkbench.testing.RawHttp;
import io.asyncworkbench.testing.StageProcess;
import io.asyncworkbench.testing.TcpTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static io.asyncworkbench.hardened.MetricsConnection.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --max-connections 50} and 200 clients that connect and wait before asking: the server
 * holds at most 50 (counted in {@code /proc/<pid>/fd}, every 5 ms), the others wait in the listen
 * backlog (the kernel counts them in the listening socket's accept queue), and once all send their
 * request every one is answered. Without a limit, the server holds them all: the negative control.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionLimitIT {

    private static final Path JAR = Path.of("target/accept-loop-hardened.jar");
    private static final int CLIENTS = 200;

    @Test
    void shouldNeverHoldMoreThanTheLimit_andAnswerEveryClient_whenClientsOutnumberIt() throws Exception {
        try (StageProcess server = StageProcess.start(JAR, "--max-connections", "50")) {
            int mostHeld = mostHeldWhileServing(server, 50);
            System.out.println("accept-loop --max-connections 50, " + CLIENTS + " clients: at most " + mostHeld + " held at once");
            assertTrue(mostHeld <= 50, "held " + mostHeld + " connections at once");
            assertEquals(50, mostHeld, "the clients did press against the limit");
            try (MetricsConnection metrics = new MetricsConnection(server.port())) {
                String text = metrics.scrape();
                assertEquals(50, value(text, "server_connections_limit"));
                assertTrue(value(text, "server_connections_limit_reached_total") >= 1, text);
                assertTrue(value(text, "server_connections_at_limit_seconds_total") > 0, text);
            }
        }
    }

    @Test
    void shouldHoldThemAll_whenThereIsNoLimit() throws Exception {
        try (StageProcess server = StageProcess.start(JAR, "--max-connections", "0")) {
            int mostHeld = mostHeldWhileServing(server, CLIENTS);
            System.out.println("accept-loop --max-connections 0, " + CLIENTS + " clients: at most " + mostHeld + " held at once");
            assertTrue(mostHeld > 150, "without a limit the server holds nearly every client: " + mostHeld);
        }
    }

    /**
     * Connects the 200 clients, waits until the server holds {@code expectHeld} of them and the kernel
     * has the rest in the accept queue (so the server has stopped accepting, not merely not yet
     * accepted more), then lets every client send its request; checks each got its 200 and returns the
     * most client connections the server held at once, sampled all along.
     */
    private static int mostHeldWhileServing(StageProcess server, int expectHeld) throws Exception {
        int listening = Proc.openSockets(server.pid());
        AtomicInteger mostHeld = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (sampling.get()) {
                try {
                    mostHeld.accumulateAndGet(Proc.openSockets(server.pid()) - listening, Math::max);
                } catch (IOException | RuntimeException changedWhileRead) {
                    continue;
                }
                LockSupport.parkNanos(5_000_000);
            }
        });
        CountDownLatch connected = new CountDownLatch(CLIENTS);
        CountDownLatch send = new CountDownLatch(1);
        List<Future<RawHttp.Reply>> replies = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CLIENTS; i++) {
                replies.add(clients.submit(() -> {
                    try (RawHttp client = new RawHttp(server.port(), 30_000)) {
                        connected.countDown();
                        send.await();
                        return client.send("GET /data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readAll();
                    }
                }));
            }
            assertTrue(connected.await(20, TimeUnit.SECONDS), "clients connected (the backlog holds the ones not accepted)");
            Await.until(Duration.ofSeconds(10), "the server holds " + expectHeld + " and leaves " + (CLIENTS - expectHeld)
                    + " in the accept queue", () -> mostHeld.get() >= expectHeld && TcpTable.awaitingAccept(server.port()) == CLIENTS - expectHeld);
            send.countDown();
        } finally {
            sampling.set(false);
            sampler.join();
        }
        for (Future<RawHttp.Reply> reply : replies) {
            assertEquals(List.of(200), reply.get().statuses(), "every client is answered, none reset");
            assertTrue(reply.get().closedByServer());
        }
        return mostHeld.get();
    }
}
