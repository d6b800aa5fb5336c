package io.asyncworkbench.minimal;

import io.asyncworkbench.testing.StageContractIT;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stage 1 keeps the shared contract, and runs on exactly one thread. */
class SingleThreadServerIT extends StageContractIT {

    SingleThreadServerIT() {
        super(Path.of("target/minimal-single-thread.jar"), SingleThreadServer.STAGE);
    }

    @Test
    void everyConnection_shouldBeServedByTheOneLoopThread() throws Exception {
        assertTrue(server.startupLine().endsWith(" threads=1"), server.startupLine());
        assertEquals(1, threadsThatAccepted(20), "one thread label in /metrics");
    }
}
