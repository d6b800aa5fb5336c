package io.asyncworkbench.vertx;

import io.asyncworkbench.testing.RawHttp;
import io.asyncworkbench.testing.StageContractIT;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared contract for one server of the Vert.x jar, started as
 * {@code java -jar vertx-stages.jar --port 0 SUBCOMMAND ...}, plus what the shared test does
 * not check yet: a request line over the limit gets 414 and a close.
 */
abstract class VertxStageContractIT extends StageContractIT {

    static final Path JAR = Path.of("target/vertx-stages.jar");

    /** {@code args} begin with the subcommand: the shared tests, the bad flags too, run {@code JAR SUBCOMMAND ...}. */
    VertxStageContractIT(String stage, String... args) {
        super(JAR, stage, args);
    }

    @Test
    void longRequestLine_shouldGet414_andAClose() throws Exception {
        try (RawHttp raw = new RawHttp(server.port(), 5000)) {
            RawHttp.Reply reply = raw.send("GET /data?" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n").readAll();
            assertEquals(List.of(414), reply.statuses(), reply.text());
            assertTrue(reply.closedByServer(), "connection left open after 414");
        }
        assertEquals(200, get("/data").statusCode(), "the server must survive bad input");
    }
}
