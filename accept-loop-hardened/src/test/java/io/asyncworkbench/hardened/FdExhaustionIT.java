package io.asyncworkbench.hardened;

import io.asyncworkbench.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.asyncworkbench.hardened.MetricsConnection.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chapter's test, automated: the server under an open-file limit of 100, 1,000 clients
 * connect and hold on (as {@code wrk -c 1000} does), then let go and a new client asks for
 * {@code /data}. Each scenario prints one line of figures; together they are what the
 * {@code accept-loop} experiment compares.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FdExhaustionIT {

    private static final Path JAR = Path.of("target/accept-loop-hardened.jar");
    private static final int NOFILE = 100;
    private static final int CLIENTS = 1000;
    private static final String EMFILE_ERRORS = "server_accept_errors_total{kind=\"EMFILE\"}";

    /** What one storm did to the server. */
    private record Outcome(double cpuShare, String metrics, List<String> stormLog, List<String> log, int closedPromptly,
                           int closedLater, long recoveryMillis, RawHttp.Reply afterwards) {

        /** Lines with {@code text} the server wrote by the end of the storm (while the clients still held on). */
        long stormLogLinesWith(String text) {
            return stormLog.stream().filter(l -> l.contains(text)).count();
        }

        long logLinesWith(String text) {
            return log.stream().filter(l -> l.contains(text)).count();
        }

        String summary(String mode) {
            return String.format("accept-loop %s: nofile %d, %d held clients: server CPU %.1f%% of a core over 3 s,"
                            + " %.0f failed accepts (EMFILE), %.0f pauses, %.0f shed (clients closed: %d in 1 s, %d later), %d log lines;"
                            + " new request after the"
                            + " clients closed: %s in %d ms", mode, NOFILE, CLIENTS, cpuShare * 100, value(metrics, EMFILE_ERRORS),
                    value(metrics, "server_accept_pauses_total"), value(metrics, "server_accept_shed_total"), closedPromptly, closedLater, log.size(),
                    afterwards.statuses(), recoveryMillis);
        }
    }

    @Test
    void shouldPauseQuietly_andLogOncePerEpisode_andServeAgain_whenDescriptorsRunOut() throws Exception {
        Outcome storm = storm("--accept-pause", "250ms", "--accept-pause-max", "1s", "--header-timeout", "60s");
        System.out.println(storm.summary("hardened (pause)"));

        assertTrue(storm.cpuShare() < 0.10, "CPU " + storm.cpuShare() + " of a core while descriptors were out");
        double pauses = value(storm.metrics(), "server_accept_pauses_total");
        assertTrue(pauses >= 2, "backed off and retried: " + pauses);
        assertTrue(value(storm.metrics(), EMFILE_ERRORS) >= pauses, storm.metrics());
        assertEquals(1, storm.stormLogLinesWith("EMFILE (Too many open files)"), "one line per episode, not per failed accept: " + storm.log());
        assertEquals(1, storm.stormLogLinesWith("Hint: raise the per-process open file limit (ulimit -n, now 100)"), storm.log().toString());
        // Draining the backlog's dead connections may run out again for a moment: a short episode of its own.
        assertEquals(storm.logLinesWith("EMFILE (Too many open files)"), storm.logLinesWith("accepting again after"),
                "every episode ended: " + storm.log());
        assertEquals(List.of(200), storm.afterwards().statuses());
        // The bound only catches a wedged loop or a runaway back-off, with a wide margin for a loaded machine.
        assertTrue(storm.recoveryMillis() < 5 * 1000, "as its connections close, and the time to drain the backlog: "
                + storm.recoveryMillis() + " ms after the clients closed");
    }

    @Test
    void shouldAcceptAgain_whenItsConnectionsClose_notWhenThePauseEnds() throws Exception {
        // A pause longer than the fresh client waits (15 s): only the closing connections can end it in time.
        Outcome storm = storm("--accept-pause", "30s", "--accept-pause-max", "30s", "--header-timeout", "60s");
        System.out.println(storm.summary("hardened (30 s pause)"));

        assertEquals(1, value(storm.metrics(), "server_accept_pauses_total"), "one pause, not retried while no connection closed");
        assertEquals(List.of(200), storm.afterwards().statuses(), "served " + storm.recoveryMillis() + " ms after the clients closed");
        assertEquals(1, storm.stormLogLinesWith("stopped accepting until a connection closes"), storm.log().toString());
    }

    @Test
    void shouldCloseTheExcessAtOnce_andStayResponsive_whenSheddingOnFdExhaustion() throws Exception {
        Outcome storm = storm("--on-fd-exhaustion", "shed", "--header-timeout", "60s");
        System.out.println(storm.summary("hardened (shed)"));

        assertTrue(storm.closedPromptly() >= CLIENTS - NOFILE, storm.closedPromptly() + " clients told at once");
        assertTrue(storm.closedPromptly() + storm.closedLater() < CLIENTS, "the connections accepted normally stay open");
        assertEquals(storm.closedPromptly() + storm.closedLater(), value(storm.metrics(), "server_accept_shed_total"), storm.metrics());
        assertTrue(storm.cpuShare() < 0.10, "CPU " + storm.cpuShare());
        assertEquals(1, storm.stormLogLinesWith("EMFILE (Too many open files); shedding"), storm.log().toString());
        assertEquals(List.of(200), storm.afterwards().statuses());
        assertTrue(storm.recoveryMillis() < 5000, "answered " + storm.recoveryMillis() + " ms after the clients closed");
    }

    @Test
    void naiveLoop_shouldBeRecorded_forTheComparison() throws Exception {
        Outcome storm = storm("--naive");
        System.out.println(storm.summary("naive"));
        // Recorded, not judged (it may spin); it must only not break anything.
        assertEquals(List.of(200), storm.afterwards().statuses());
    }

    private Outcome storm(String... args) throws Exception {
        try (FdLimitedStage server = FdLimitedStage.start(NOFILE, JAR, args);
             MetricsConnection metricsConnection = new MetricsConnection(server.port())) {
            metricsConnection.scrape();
            int closedPromptly;
            int closedLater;
            double cpuShare;
            String metrics;
            List<String> stormLog;
            try (HeldClients clients = HeldClients.open(server.port(), CLIENTS)) {
                closedPromptly = clients.awaitServerCloses(1000, CLIENTS);
                double cpuBefore = Proc.cpuSeconds(server.pid());
                long windowStart = System.nanoTime();
                closedLater = clients.awaitServerCloses(3000, CLIENTS);
                cpuShare = (Proc.cpuSeconds(server.pid()) - cpuBefore) / ((System.nanoTime() - windowStart) / 1e9);
                metrics = metricsConnection.scrape();
                stormLog = server.stderrLines();
                assertTrue(server.isAlive(), "the server died in the storm");
            }
            long closedAt = System.nanoTime();
            try (RawHttp fresh = new RawHttp(server.port(), 15_000)) {
                RawHttp.Reply reply = fresh.send("GET /data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readAll();
                long recoveryMillis = (System.nanoTime() - closedAt) / 1_000_000;
                return new Outcome(cpuShare, metrics, stormLog, server.stderrLines(), closedPromptly, closedLater, recoveryMillis, reply);
            }
        }
    }
}
