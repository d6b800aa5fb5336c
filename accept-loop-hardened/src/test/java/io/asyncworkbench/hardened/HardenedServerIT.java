package io.asyncworkbench.hardened;

import io.asyncworkbench.testing.StageContractIT;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hardened stage keeps the shared contract, with its accept-loop metrics in {@code /metrics}. */
class HardenedServerIT extends StageContractIT {

    HardenedServerIT() {
        super(Path.of("target/accept-loop-hardened.jar"), HardenedServer.STAGE);
    }

    @Test
    void metrics_shouldShowTheLimitAndTheAcceptLoop() throws Exception {
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("\nserver_connections_limit 10000\n"), metrics);
        assertTrue(metrics.contains("\nserver_accept_pauses_total 0\n"), metrics);
        assertTrue(metrics.contains("\nserver_accept_shed_total 0\n"), metrics);
        assertTrue(metrics.contains("\nserver_header_timeouts_total "), metrics);
    }
}
