package io.asyncworkbench.hardened;

import io.asyncworkbench.server.AcceptErrorClassifier;
import io.asyncworkbench.server.AcceptErrorClassifier.AcceptError;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcceptLogTest {

    private static final long MS = 1_000_000;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AcceptLog log = new AcceptLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100);
    private final AcceptError emfile = new AcceptErrorClassifier().classify(new IOException("Too many open files"));

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void shouldLogOneLineWithTheHint_whenAPauseEpisodeStarts() {
        log.onFailure(emfile, "stopped accepting", 0);
        assertEquals(List.of("accept-loop: accept() failed: EMFILE (Too many open files); stopped accepting; further failures"
                + " are counted in /metrics, not logged. Hint: raise the per-process open file limit (ulimit -n, now 100)"
                + " or set --max-connections below it."), lines());
    }

    @Test
    void shouldCountNotLog_whenFailuresRepeatWithinAnEpisode() {
        for (int i = 0; i < 1000; i++) {
            log.onFailure(emfile, "stopped accepting", i * MS);
        }
        log.onAccepted(4200 * MS);
        assertEquals(2, lines().size(), lines().toString());
        assertEquals("accept-loop: accepting again after 4200ms; 999 failed accepts in between were not logged.", lines().get(1));
    }

    @Test
    void shouldLogAgain_whenANewEpisodeStarts() {
        log.onFailure(emfile, "stopped accepting", 0);
        log.onAccepted(MS);
        log.onAccepted(2 * MS);
        log.onFailure(emfile, "stopped accepting", 3 * MS);
        assertEquals(3, lines().size(), "start, end, start; an accept outside an episode logs nothing");
        assertTrue(lines().get(2).contains("ulimit -n"));
    }

    @Test
    void shouldGiveAGeneralHint_whenTheErrorIsUnexpected() {
        AcceptError other = new AcceptErrorClassifier().classify(new IOException("Operation not supported"));
        log.onFailure(other, "stopped accepting", 0);
        assertTrue(lines().getFirst().startsWith("accept-loop: accept() failed: IOException (Operation not supported);"), lines().toString());
        assertTrue(lines().getFirst().contains("does not expect"), lines().toString());
    }
}
