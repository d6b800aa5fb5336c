package io.asyncworkbench.minimal;

import io.asyncworkbench.testing.StageContractIT;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        for (int i = 0; i < 20; i++) {
            client.send(HttpRequest.newBuilder(server.uri("/data")).header("Connection", "close").build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        String metrics = get("/metrics").body();
        assertTrue(server.startupLine().endsWith(" threads=1"), server.startupLine());
        long threads = metrics.lines().filter(l -> l.startsWith("server_connections_accepted_total{")).count();
        assertEquals(1, threads, metrics);
    }
}
