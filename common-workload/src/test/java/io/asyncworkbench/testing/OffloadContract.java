package io.asyncworkbench.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every offload stage keeps beyond {@link StageContractIT}, whatever runs its workers: with
 * the workers busy and the queue full, a request is answered 503 at once, and {@code /metrics}
 * counts it under the shared names. A stage's test implements it beside the shared contract:
 *
 * <pre>{@code
 * class OffloadServerIT extends StageContractIT implements OffloadContract {
 *     public StageProcess startOffload(String... flags) throws IOException, InterruptedException {
 *         return StageProcess.start(JAR, flags);
 *     }
 * }
 * }</pre>
 */
public interface OffloadContract {

    /** Starts another server of the stage on a free port with the offload {@code flags} (and the shared ones) added. */
    StageProcess startOffload(String... flags) throws IOException, InterruptedException;

    /** One worker and a queue of one cannot hold five requests of 200 ms: some get 503, and each is counted. */
    @Test
    @Timeout(60)
    default void fullQueue_shouldGet503_andCountTheRejection() throws Exception {
        String data = "GET /data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        try (StageProcess busy = startOffload("--workload", "spin:200ms", "--workers", "1", "--queue", "1")) {
            List<Integer> statuses = RawHttp.readAllAndClose(RawHttp.sendOnEach(busy.port(), 5, data, 10_000));
            long rejected = statuses.stream().filter(s -> s == 503).count();
            assertTrue(rejected >= 1, "one worker and a queue of one cannot hold 5 requests of 200 ms: " + statuses);
            assertTrue(statuses.contains(200), statuses.toString());
            assertEquals(5, statuses.size(), statuses.toString());
            try (RawHttp raw = new RawHttp(busy.port(), 10_000)) {
                String metrics = raw.send("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readAll().text();
                assertTrue(metrics.contains("\noffload_tasks_total{outcome=\"rejected\"} " + rejected + "\n"), metrics);
                assertTrue(metrics.contains("\nserver_requests_total{thread=\"loop-0\",status=\"503\"} " + rejected + "\n"), metrics);
            }
        }
    }
}
