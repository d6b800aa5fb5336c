package io.asyncworkbench.offload;

import io.asyncworkbench.testing.OffloadContract;
import io.asyncworkbench.testing.RawHttp;
import io.asyncworkbench.testing.StageContractIT;
import io.asyncworkbench.testing.StageProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stage 3 keeps the shared contract, and shows Part 3's effect on counts: with the work on a
 * worker, the loop keeps accepting and answers {@code /metrics} while the worker is busy, so
 * accepted runs ahead of done; with {@code --inline} it cannot.
 *
 * <p>The experiment behind both tests: open {@value #REQUESTS} connections that each send one
 * {@code GET /data} (20 ms of CPU each, one worker), then ask for {@code /metrics} on one more.
 * The gap is connections accepted minus {@code /data} requests answered, as {@code /metrics}
 * saw them. Inline, the loop reads the {@code /metrics} request only after serving every
 * connection ahead of it: the gap is 1 (the {@code /metrics} connection). Offloaded, the loop
 * answers at once while the worker is still on the first few: the gap is near {@value #REQUESTS}.
 * A full queue gets 503 ({@link OffloadContract}, shared with the Vert.x offload stage).
 */
class OffloadServerIT extends StageContractIT implements OffloadContract {

    private static final Path JAR = Path.of("target/offload-worker.jar");
    private static final int REQUESTS = 30;
    private static final String DATA = "GET /data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    private static final String METRICS = "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    OffloadServerIT() {
        super(JAR, OffloadServer.STAGE, "--io-threads", "1", "--workers", "2");
    }

    @Override
    public StageProcess startOffload(String... flags) throws IOException, InterruptedException {
        return StageProcess.start(JAR, flags);
    }

    @Test
    void startupLine_shouldCountIoThreadsAndWorkers() {
        assertTrue(server.startupLine().endsWith(" threads=3"), server.startupLine());
    }

    @Test
    void busyWorker_shouldNotStopTheLoopFromAcceptingAndAnsweringMetrics() throws Exception {
        try (StageProcess offload = StageProcess.start(JAR, "--workload", "spin:20ms", "--workers", "1")) {
            Observation seen = floodThenScrape(offload);
            assertTrue(seen.gap() > REQUESTS / 2, "accepted should run ahead of done: " + seen);
            assertTrue(value(seen.metrics(), "offload_worker_queue_depth") >= 1, seen.metrics());
            assertEquals(REQUESTS, seen.statuses().stream().filter(s -> s == 200).count(),
                    "with room in the queue every request is served: " + seen.statuses());
        }
    }

    @Test
    void inlineWork_shouldHoldTheMetricsRequestBehindTheWork() throws Exception {
        try (StageProcess inline = StageProcess.start(JAR, "--workload", "spin:20ms", "--inline")) {
            assertTrue(inline.startupLine().endsWith(" threads=1"), inline.startupLine());
            Observation seen = floodThenScrape(inline);
            assertEquals(1, seen.gap(), "inline, everything accepted before /metrics was done first: " + seen);
            assertEquals(REQUESTS, seen.statuses().stream().filter(s -> s == 200).count(), seen.statuses().toString());
        }
    }

    /** Sends {@value #REQUESTS} requests on fresh connections without reading, then scrapes /metrics on one more. */
    private static Observation floodThenScrape(StageProcess target) throws Exception {
        List<RawHttp> connections = RawHttp.sendOnEach(target.port(), REQUESTS, DATA, 10_000);
        String metrics;
        try (RawHttp raw = new RawHttp(target.port(), 10_000)) {
            metrics = raw.send(METRICS).readAll().text();
        }
        long gap = Math.round(sum(metrics, "server_connections_accepted_total") - statusCount(metrics, 200));
        return new Observation(gap, metrics, RawHttp.readAllAndClose(connections));
    }

    /** Requests answered with {@code status}, over all threads. */
    private static double statusCount(String metrics, int status) {
        return metrics.lines().filter(l -> l.startsWith("server_requests_total{") && l.contains("status=\"" + status + "\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The value of the one sample named exactly {@code series} (name and labels). */
    private static double value(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(series + " missing from:\n" + metrics));
    }

    /** What one flood showed: accepted minus done at the scrape, the scrape, and the /data statuses. */
    private record Observation(long gap, String metrics, List<Integer> statuses) {
        @Override
        public String toString() {
            return "gap=" + gap + ", statuses=" + statuses + "\n" + metrics.lines()
                    .filter(l -> l.startsWith("server_connections") || l.startsWith("server_requests_total") || l.startsWith("offload_worker"))
                    .reduce("", (a, b) -> a + b + "\n");
        }
    }
}
