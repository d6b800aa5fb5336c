package io.asyncworkbench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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
            awaitClosedByClient(server, 100 + PRIMER);
        }
    }

    @Test
    void shouldLeaveTheClosingToTheServer_withConnectionClose() throws Exception {
        try (ControlledServer server = ControlledServer.start(OK)) {
            Workbench.Result run = Workbench.load(dir, "--url", server.url(), "--users", "2", "--requests-per-user", "5",
                    "--connection-close");

            assertEquals(10, run.summary().responses(), run.out());
            awaitClosedByClient(server, 0);
            assertEquals(0, server.closedByClient(), "the server closes every Connection: close exchange first");
        }
    }

    /** Waits (up to 5 s) until the server has seen {@code expected} connections closed by the client first. */
    private static void awaitClosedByClient(ControlledServer server, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.closedByClient() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, server.closedByClient());
    }

    @Test
    void shouldKeepConnectionsAlive_withoutConnectionClose() throws Exception {
        Workbench.Run run = Workbench.against(ControlledServer.start(OK), dir, "--users", "4", "--requests-per-user", "25");

        assertEquals(100, run.summary().responses(), run.out());
        assertEquals(4, run.serverAccepted(), "one connection per user, the primer's reused");
        assertEquals(4, run.summary().peakOpenConnections());
    }
}
