package io.asyncworkbench.hardened;

import io.asyncworkbench.testing.RawHttp;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accept-loop chapter's test end to end, on the server's default flags: under {@code ulimit -n 100},
 * 1,000 clients connect and sit idle, then let go; 1,000 clients storm it with keep-alive requests
 * for about 5 s (as {@code wrk -c1000 -d5s} does), then let go; then one fresh client asks for {@code /data}.
 * It prints how long after the storm that request was served.
 *
 * <pre>
 * mvn -q verify -pl accept-loop-hardened -am -Dit.test=ChapterStormIT -Daccept.recovery.runs=10
 * </pre>
 *
 * repeats the whole test (a new server each time) and prints every delay. No bound is a speed:
 * the assertion only catches a server that stays deaf.
 */
class ChapterStormIT {

    private static final Path JAR = Path.of("target/accept-loop-hardened.jar");
    private static final int NOFILE = 100;
    private static final int CLIENTS = 1000;

    @Test
    void shouldServeTheFirstFreshRequest_soonAfterTheStorm() throws Exception {
        int runs = Integer.getInteger("accept.recovery.runs", 1);
        List<Long> delays = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            // A storm of 5 s to 7 s, spread over the runs: where it ends in the back-off's 2 s cycle varies.
            long stormMillis = 5000 + (run - 1) * 2000L / runs;
            long millis = recoveryMillis(stormMillis);
            delays.add(millis);
            System.out.println("accept-loop chapter's test, run " + run + "/" + runs + ": storm of " + stormMillis
                    + " ms, first fresh request served " + millis + " ms after it");
        }
        System.out.println("accept-loop chapter's test: first fresh request after the storm, ms: " + delays);
        // The default pause is 500 ms doubling to 2 s; a server that waits out its timer instead of
        // re-arming when descriptors come back still passes this. AcceptGuardTest checks the re-arming.
        assertTrue(delays.stream().allMatch(ms -> ms < 5000), "served within 5 s of the storm each time: " + delays);
    }

    private static long recoveryMillis(long stormMillis) throws Exception {
        try (FdLimitedStage server = FdLimitedStage.start(NOFILE, JAR)) {
            try (HeldClients idle = HeldClients.open(server.port(), CLIENTS)) {
                idle.awaitServerCloses(2000, CLIENTS);
            }
            long closedAt;
            try (HeldClients storm = HeldClients.open(server.port(), CLIENTS)) {
                storm.storm(stormMillis);
                assertTrue(server.isAlive(), "the server died in the storm");
                closedAt = System.nanoTime();
            }
            try (RawHttp fresh = new RawHttp(server.port(), 15_000)) {
                RawHttp.Reply reply = fresh.send("GET /data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readAll();
                long millis = (System.nanoTime() - closedAt) / 1_000_000;
                assertEquals(List.of(200), reply.statuses(), server.stderrLines().toString());
                return millis;
            }
        }
    }
}
