package io.asyncworkbench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import static io.asyncworkbench.load.ControlledServer.Behaviour.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The open model against a loopback server: requests follow the schedule, and a stall shows in corrected latency only. */
@Timeout(30)
class OpenModelIT {

    @TempDir
    Path dir;

    @Test
    void shouldSendThreeThousandRequests_atOneThousandPerSecondForThreeSeconds() throws Exception {
        Workbench.Run run = Workbench.against(ControlledServer.start(OK), dir, "--rate", "1000", "--duration", "3s");

        Summary s = run.summary();
        assertEquals(0, run.result().exitCode(), run.result().err());
        assertEquals(3000, s.requests(), 30, "requests started");
        assertEquals(s.requests(), s.responses() + s.errorCount());
        assertEquals(0, s.errorCount(), run.out());
        assertEquals(3.0, s.windowSeconds(), 1e-9);
        assertEquals(1000, s.achievedRate(), 15);
        assertEquals(1000.0, s.targetRate());
        assertTrue(run.out().contains(String.format(Locale.ROOT, "achieved rate  %,.1f req/s (target 1,000.0)", s.achievedRate())),
                run.out());
    }

    @Test
    void shouldHoldIdleConnectionsWithoutARequest_withHoldIdle() throws Exception {
        Workbench.Run run = Workbench.against(ControlledServer.start(OK), dir, "--rate", "20", "--duration", "1s",
                "--max-connections", "4", "--hold-idle", "30");

        Summary s = run.summary();
        assertEquals(30, s.idleHeld(), run.out());
        assertEquals(20, s.responses(), run.out());
        assertEquals(20 + 1, run.serverRequests(), "the held connections send nothing; the load and its primer do");
        assertEquals(30 + s.connectionsOpened() + 1, run.serverAccepted(), "held, load and primer connections");
        assertTrue(run.out().contains("; 30 more held idle (--hold-idle)"), run.out());
    }

    @Test
    void shouldRecordOnlyTheRequestsAfterTheWarmup() throws Exception {
        Workbench.Run run = Workbench.against(ControlledServer.start(OK), dir, "--rate", "1000", "--warmup", "500ms",
                "--duration", "1s");

        assertEquals(1000, run.summary().requests(), 10, run.out());
        assertEquals(run.summary().requests(), run.summary().latency().count());
        assertEquals(1500 + 1, run.serverRequests(), 15, "the warmup's requests and the primer reached the server");
    }

    @Test
    void shouldCountTheStallInCorrectedLatencyOnly_whenTheServerStallsOneSecond() throws Exception {
        ControlledServer stalling = ControlledServer.start(OK).stallOnce(Duration.ofSeconds(2), Duration.ofSeconds(1));
        Workbench.Run run = Workbench.against(stalling, dir, "--rate", "500", "--duration", "5s", "--max-connections", "10");

        Summary s = run.summary();
        assertEquals(2500, s.requests(), 25, run.out());
        assertEquals(0, s.errorCount(), run.out());
        // Requests kept their schedule through the stall, so about 500 waited up to 1 s each.
        assertTrue(s.latency().p99Ms() >= 500, "corrected p99 " + s.latency().p99Ms() + "\n" + run.out());
        // From the actual send only the 10 requests on the stalled connections saw the stall.
        assertTrue(s.uncorrectedLatency().p99Ms() < 500, "uncorrected p99 " + s.uncorrectedLatency().p99Ms() + "\n" + run.out());
        assertTrue(s.uncorrectedLatency().maxMs() >= 500, "the stall itself is still seen by the uncorrected max\n" + run.out());
    }

    @Test
    void shouldNotCountLateResponsesInTheAchievedRate_whenTheServerFallsBehindAtTheEnd() throws Exception {
        // From 1.5 s on, every response is held until 3.5 s: after the 2 s window has ended.
        ControlledServer stalling = ControlledServer.start(OK).stallOnce(Duration.ofMillis(1500), Duration.ofSeconds(2));
        Workbench.Run run = Workbench.against(stalling, dir, "--rate", "500", "--duration", "2s", "--max-connections", "10",
                "--timeout", "5s");

        Summary s = run.summary();
        assertEquals(0, s.errorCount(), run.out());
        assertEquals(s.requests(), s.responses(), "every request was answered, late or not");
        // About 750 of the 1,000 responses came inside the window: 375 req/s, not the offered 500.
        assertTrue(s.achievedRate() < 450, "achieved " + s.achievedRate() + "\n" + run.out());
        assertTrue(s.achievedRate() > 250, "achieved " + s.achievedRate() + "\n" + run.out());
    }
}
