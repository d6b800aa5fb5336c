package io.asyncworkbench.blocking;

import io.asyncworkbench.testing.StageContractIT;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blocking stage on a pool of platform threads keeps the shared contract. */
class BlockingPlatformServerIT extends StageContractIT {

    BlockingPlatformServerIT() {
        super(Path.of("target/blocking-baseline.jar"), BlockingServer.STAGE, "--threads", "platform", "--max-threads", "16");
    }

    @Test
    void startupLine_shouldSayBlockingAndThePoolSize() {
        assertTrue(server.startupLine().endsWith(" transport=blocking threads=16"), server.startupLine());
    }

    @Test
    void metrics_shouldBeLabelledByPoolThread() throws Exception {
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("thread_kind=\"platform\""), metrics);
        assertTrue(metrics.lines().filter(l -> l.startsWith("server_connections_accepted_total{"))
                .allMatch(l -> l.contains("{thread=\"conn-")), metrics);
    }
}
