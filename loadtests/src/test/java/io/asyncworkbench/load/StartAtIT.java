package io.asyncworkbench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static io.asyncworkbench.load.ControlledServer.Behaviour.OK;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --start-at}: the schedule of load spread over hosts starts on the agreed instant, never before it. */
@Timeout(30)
class StartAtIT {

    @TempDir
    Path dir;

    @Test
    void shouldNotStartBeforeTheAgreedInstant() throws Exception {
        Instant startAt = Instant.now().plusMillis(1500);
        Workbench.Run run = Workbench.against(ControlledServer.start(OK), dir, "--rate", "100", "--duration", "1s",
                "--start-at", startAt.toString());

        Summary s = run.summary();
        assertFalse(Instant.parse(s.startTime()).isBefore(startAt), s.startTime() + " is before " + startAt);
        assertTrue(s.responses() > 0, run.out());
        assertTrue(s.warnings().stream().noneMatch(w -> w.contains("--start-at")), s.warnings().toString());
    }

    @Test
    void shouldStartAtOnceAndSaySo_whenTheInstantHasPassed() throws Exception {
        Workbench.Run run = Workbench.against(ControlledServer.start(OK), dir, "--rate", "100", "--duration", "1s",
                "--start-at", Instant.now().minusSeconds(60).toString());

        Summary s = run.summary();
        assertTrue(s.responses() > 0, run.out());
        assertTrue(s.warnings().stream().anyMatch(w -> w.matches("started \\d+ ms after --start-at .*")), s.warnings().toString());
    }
}
