package io.asyncworkbench.load;

import io.asyncworkbench.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.asyncworkbench.load.ControlledServer.Behaviour.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The closed model against a loopback server: exact request counts, and connections per request. */
@Timeout(30)
class ClosedModelIT {

    /** Each event loop sends one unrecorded primer request before the clock starts. */
    private static final int PRIMER = 1;

    @TempDir
    Path dir;

    @Test
    void shouldSendExactlyFiveHundredRequests_whenTenUsersSendFiftyEach() throws Exception {
        Workbench.Run run = Workbench.against(ControlledServer.start(OK), dir, "--users", "10", "--requests-per-user", "50");

        Summary s = run.summary();
        assertEquals(500, s.requests(), run.out());
        assertEquals(500, s.responses());
        assertEquals(500, s.responses2xx());
        assertEquals(500, s.latency().count());
        assertEquals(500 + PRIMER, run.serverRequests());
        assertEquals(10, s.connectionsOpened() + PRIMER, "the primer's connection is reused by the first user\n" + run.out());
    }

    @Test
    void shouldOpenOneConnectionPerRequest_withConnectionClose() throws Exception {
        Workbench.Run run = Workbench.against(ControlledServer.start(OK), dir, "--users", "4", "--requests-per-user", "25",
                "--connection-close");

        assertEquals(100, run.summary().responses(), run.out());
        assertEquals(100, run.summary().connectionsOpened());
        assertEquals(100 + PRIMER, run.serverAccepted());
        assertTrue(run.out().contains("connections    100 opened, at most "), run.out());
    }

    @Test
    void shouldCloseEachConnectionItself_withClientClose() throws Exception {
        try (ControlledServer server = ControlledServer.start(OK)) {
            Workbench.Result run = Workbench.load(dir, "--url", server.url(), "--users", "4", "--requests-per-user", "25",
                    "--client-close");

            assertEquals(100, run.summary().responses(), run.out());
            assertEquals(100, run.summary().connectionsOpened());
            assertTrue(run.summary().clientClose());
            assertTrue(run.out().contains("a new connection per request, closed by the generator"), run.out());
            // The client's FIN comes first on every connection, so the TIME_WAIT is the client's.
            Await.until(Duration.ofSeconds(5), "the client closed all " + (100 + PRIMER) + " connections",
                    () -> server.closedByClient() == 100 + PRIMER);
        }
    }

    @Test
    void shouldLeaveTheClosingToTheServer_withConnectionClose() throws Exception {
        try (ControlledServer server = ControlledServer.start(OK)) {
            Workbench.Result run = Workbench.load(dir, "--url", server.url(), "--users", "2", "--requests-per-user", "5",
                    "--connection-close");

            assertEquals(10, run.summary().responses(), run.out());
            Await.until(Duration.ofSeconds(5), "every connection the server accepted has ended",
                    () -> server.ended() == server.accepted());
            assertEquals(0, server.closedByClient(), "the server closes every Connection: close exchange first");
        }
    }

    @Test
    void shouldKeepConnectionsAlive_withoutConnectionClose() throws Exception {
        Workbench.Run run = Workbench.against(ControlledServer.start(OK), dir, "--users", "4", "--requests-per-user", "25");

        assertEquals(100, run.summary().responses(), run.out());
        assertEquals(4, run.serverAccepted(), "one connection per user, the primer's reused");
        assertEquals(4, run.summary().peakOpenConnections());
    }
}
