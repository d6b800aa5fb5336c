package io.asyncworkbench.blocking;

import io.asyncworkbench.testing.StageProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many keep-alive clients at once, the book's load shape: with virtual threads every connection
 * has its thread at the same time; with a pool of 50 platform threads the 51st connection waits
 * in the listen backlog until a connection ends, and is answered then.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ManyClientsIT {

    private static final Path JAR = Path.of("target/blocking-baseline.jar");
    private static final int CLIENTS = 500;
    private static final int POOL = 50;
    private static final int REQUESTS_PER_CLIENT = 2;

    /** The platform-thread server, shared by the tests of the pool (a JVM start is seconds on a busy machine). */
    private StageProcess pool;

    @BeforeAll
    void startPool() throws Exception {
        pool = StageProcess.start(JAR, "--threads", "platform", "--max-threads", Integer.toString(POOL));
    }

    @AfterAll
    void stopPool() throws Exception {
        pool.close();
    }

    @Test
    void shouldAnswer500KeepAliveClientsAtOnce_whenThreadsAreVirtual() throws Exception {
        try (StageProcess server = StageProcess.start(JAR, "--threads", "virtual")) {
            Counts before = counts(server);
            // Every client gets its first answer while all 500 are connected, before any sends its second.
            CountDownLatch allAnsweredOnce = new CountDownLatch(CLIENTS);
            assertAllAnswered(runClients(server.port(), allAnsweredOnce));
            assertServedOverOneConnectionEach(before, counts(server));
        }
    }

    @Test
    void shouldAnswer500KeepAliveClientsLater_whenThePoolHas50PlatformThreads() throws Exception {
        Counts before = counts(pool);
        assertAllAnswered(runClients(pool.port(), null));
        Counts after = counts(pool);
        assertServedOverOneConnectionEach(before, after);
        assertTrue(after.threads() <= POOL, "served on " + after.threads() + " threads");
    }

    @Test
    void shouldMakeANewConnectionWait_whenEveryPoolThreadHoldsAConnection() throws Exception {
        List<KeepAliveClient> holders = new ArrayList<>();
        try {
            for (int i = 0; i < POOL; i++) {
                KeepAliveClient holder = new KeepAliveClient(pool.port(), 10_000);
                holders.add(holder);
                assertEquals(200, holder.get("/data").status());
            }
            try (KeepAliveClient waiting = new KeepAliveClient(pool.port(), 1_000)) {
                waiting.send("/data");
                assertThrows(SocketTimeoutException.class, waiting::read, "answered with every pool thread busy");

                holders.removeFirst().close();
                waiting.timeout(10_000);
                assertEquals(200, waiting.read().status());
            }
        } finally {
            for (KeepAliveClient holder : holders) {
                holder.close();
            }
        }
    }

    /** 500 clients at once, each sending its requests over one connection; the statuses of all responses. */
    private static List<Integer> runClients(int port, CountDownLatch allAnsweredOnce) throws Exception {
        List<Future<List<Integer>>> clients = new ArrayList<>();
        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(users.submit(() -> {
                    try (KeepAliveClient client = new KeepAliveClient(port, 30_000)) {
                        List<Integer> statuses = new ArrayList<>();
                        statuses.add(client.get("/data").status());
                        if (allAnsweredOnce != null) {
                            allAnsweredOnce.countDown();
                            assertTrue(allAnsweredOnce.await(30, TimeUnit.SECONDS), "not all clients were answered at once");
                        }
                        for (int r = 1; r < REQUESTS_PER_CLIENT; r++) {
                            statuses.add(client.get("/data").status());
                        }
                        return statuses;
                    }
                }));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> client : clients) {
            statuses.addAll(client.get());
        }
        return statuses;
    }

    private static void assertAllAnswered(List<Integer> statuses) {
        assertEquals(CLIENTS * REQUESTS_PER_CLIENT, statuses.size());
        assertTrue(statuses.stream().allMatch(s -> s == 200), statuses.toString());
    }

    /**
     * The clients' requests went over exactly one connection each. Between two scrapes the server
     * accepted the clients' connections and the second scraper's, and answered the clients'
     * requests and the first scrape (a scrape is counted once its response is written).
     */
    private static void assertServedOverOneConnectionEach(Counts before, Counts after) {
        assertEquals(CLIENTS + 1, after.accepted() - before.accepted());
        assertEquals(CLIENTS * REQUESTS_PER_CLIENT + 1, after.requests() - before.requests());
    }

    /** Connections accepted, requests answered, and threads that served, from one scrape of /metrics. */
    private record Counts(long accepted, long requests, long threads) {
    }

    private static Counts counts(StageProcess server) throws Exception {
        try (KeepAliveClient scraper = new KeepAliveClient(server.port(), 10_000)) {
            String metrics = scraper.get("/metrics").body();
            return new Counts(sum(metrics, "server_connections_accepted_total"), sum(metrics, "server_requests_total"),
                    metrics.lines().filter(l -> l.startsWith("server_connections_accepted_total{")).count());
        }
    }

    private static long sum(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + "{"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
