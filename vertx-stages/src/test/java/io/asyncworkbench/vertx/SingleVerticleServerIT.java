package io.asyncworkbench.vertx;

import io.asyncworkbench.testing.StageProcess;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Vert.x stage 1 keeps the shared contract, and serves every connection on its one event loop. */
class SingleVerticleServerIT extends VertxStageContractIT {

    SingleVerticleServerIT() {
        super(SingleVerticleServer.STAGE, "single");
    }

    @Test
    void everyConnection_shouldBeServedByTheOneLoop() throws Exception {
        assertTrue(server.startupLine().endsWith(" threads=1"), server.startupLine());
        assertEquals(1, threadsThatAccepted(20), "one thread label in /metrics");
    }

    @Test
    void noSubcommand_shouldPrintOneLine_andExit2() throws Exception {
        Process process = new ProcessBuilder(StageProcess.java(), "-jar", JAR.toString(), "--port", "abc").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        assertEquals(1, output.lines().count(), output);
        assertTrue(output.startsWith("vertx-stages: "), output);
    }
}
