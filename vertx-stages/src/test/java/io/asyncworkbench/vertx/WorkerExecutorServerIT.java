package io.asyncworkbench.vertx;

import io.asyncworkbench.testing.Await;
import io.asyncworkbench.testing.OffloadContract;
import io.asyncworkbench.testing.RawHttp;
import io.asyncworkbench.testing.StageProcess;
import io.asyncworkbench.testing.TcpTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Vert.x stage 3 keeps the shared contract; with the work on a worker, {@code /metrics} is
 * answered while a slow {@code /data} is still being worked on, and with {@code --inline} it is
 * not; a full queue gets 503 ({@link OffloadContract}, shared with the Netty offload stage).
 *
 * <p>The experiment behind the first two tests: one {@code GET /data} that burns a second of CPU,
 * then {@code GET /metrics} on another connection. When {@code /metrics} has been answered, has
 * the {@code /data} response arrived yet? Offloaded: no, and the metrics show the worker busy.
 * Inline: yes, since the loop could read {@code /metrics} only after finishing the work.
 */
class WorkerExecutorServerIT extends VertxStageContractIT implements OffloadContract {

    private static final String DATA = "GET /data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    private static final String METRICS = "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    WorkerExecutorServerIT() {
        super(WorkerExecutorServer.STAGE, "offload", "--io-threads", "1", "--workers", "2");
    }

    @Override
    public StageProcess startOffload(String... flags) throws IOException, InterruptedException {
        return StageProcess.start(JAR, Stream.concat(Stream.of("offload"), Stream.of(flags)).toArray(String[]::new));
    }

    @Test
    void startupLine_shouldCountLoopsAndWorkers() {
        assertTrue(server.startupLine().endsWith(" threads=3"), server.startupLine());
    }

    @Test
    void busyWorker_shouldNotKeepTheLoopFromAnsweringMetrics() throws Exception {
        try (StageProcess offload = StageProcess.start(JAR, "offload", "--workers", "1", "--workload", "spin:1s")) {
            Observation seen = slowDataThenMetrics(offload, metrics -> metrics.contains("\noffload_workers_busy 1\n"));
            assertTrue(!seen.dataAnsweredFirst(), "/metrics should not wait for the slow /data: " + seen.metrics());
            assertEquals(List.of(200), seen.dataStatuses(), "the slow request is still served");
        }
    }

    @Test
    void inlineWork_shouldHoldMetricsBehindTheSlowRequest() throws Exception {
        try (StageProcess inline = StageProcess.start(JAR, "offload", "--inline", "--workload", "spin:1s")) {
            assertTrue(inline.startupLine().endsWith(" threads=1"), inline.startupLine());
            Observation seen = slowDataThenMetrics(inline, metrics -> true);
            assertTrue(seen.dataAnsweredFirst(), "inline, the loop finishes the work before it reads /metrics");
            assertEquals(List.of(200), seen.dataStatuses());
        }
    }

    /**
     * Sends a slow {@code /data}, waits until the server has read it (the kernel's receive queue of
     * the server's end is empty: the loop has taken the request, and works on it or hands it over
     * before it reads anything else), asks for {@code /metrics} until {@code settled} says the scrape
     * shows the work under way (offloaded, a worker takes it up a moment later), and notes what came
     * first.
     */
    private static Observation slowDataThenMetrics(StageProcess target, Predicate<String> settled) throws Exception {
        try (Socket data = new Socket("127.0.0.1", target.port())) {
            data.getOutputStream().write(DATA.getBytes(StandardCharsets.ISO_8859_1));
            Await.until(Duration.ofSeconds(10), "the server has read the slow /data",
                    () -> TcpTable.serverEnd(target.port(), data).filter(TcpTable.Row::hasReadAll).isPresent());
            AtomicReference<String> metrics = new AtomicReference<>();
            Await.until(Duration.ofSeconds(10), "/metrics shows the slow /data under way", () -> {
                try (RawHttp raw = new RawHttp(target.port(), 10_000)) {
                    metrics.set(raw.send(METRICS).readAll().text());
                }
                return settled.test(metrics.get());
            });
            boolean dataAnsweredFirst = data.getInputStream().available() > 0;
            return new Observation(dataAnsweredFirst, metrics.get(), statuses(data));
        }
    }

    private static List<Integer> statuses(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        return new RawHttp.Reply(text, true).statuses();
    }

    /** Whether the slow response had arrived when {@code /metrics} was answered, the scrape, and the slow one's status. */
    private record Observation(boolean dataAnsweredFirst, String metrics, List<Integer> dataStatuses) {
    }
}
