package io.asyncworkbench.blocking;

import io.asyncworkbench.testing.StageContractIT;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The blocking stage with a virtual thread per connection keeps the shared contract, with a spin
 * workload: the one the book's comparison runs, and the one a virtual thread cannot time by its
 * own CPU clock ({@code SpinWorkload} burns the slices it calibrated on a platform thread instead).
 */
class BlockingVirtualServerIT extends StageContractIT {

    BlockingVirtualServerIT() {
        super(Path.of("target/blocking-baseline.jar"), BlockingServer.STAGE, "--threads", "virtual", "--workload", "spin:1ms");
    }

    @Test
    void startup_shouldSayBlocking() {
        assertTrue(server.startupLine().contains(" transport=blocking threads="), server.startupLine());
    }

    @Test
    void metrics_shouldBeOneSeriesForAllVirtualThreads() throws Exception {
        for (int i = 0; i < 5; i++) {
            client.send(java.net.http.HttpRequest.newBuilder(server.uri("/data")).header("Connection", "close").build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        }
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("thread_kind=\"virtual\""), metrics);
        assertEquals(1, metrics.lines().filter(l -> l.startsWith("server_connections_accepted_total{")).count(), metrics);
        assertTrue(metrics.contains("server_connections_accepted_total{thread=\"virtual\"}"), metrics);
    }
}
