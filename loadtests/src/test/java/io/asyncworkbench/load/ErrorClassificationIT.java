package io.asyncworkbench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static io.asyncworkbench.load.ControlledServer.Behaviour.RESET;
import static io.asyncworkbench.load.ControlledServer.Behaviour.SILENT;
import static io.asyncworkbench.load.ControlledServer.Behaviour.STATUS_500;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures against loopback servers land in the right class, with the hint in the summary. */
@Timeout(30)
class ErrorClassificationIT {

    @TempDir
    Path dir;

    @Test
    void shouldClassifyRefused_whenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Workbench.Result r = Workbench.load(dir, "--url", "http://127.0.0.1:" + port + "/data", "--rate", "100", "--duration", "1s");

        assertEquals(100, r.summary().requests(), r.out());
        assertEquals(Map.of("refused", 100L), r.summary().errors(), r.out());
        assertEquals(0, r.summary().responses());
        assertTrue(r.out().contains(ErrorClass.REFUSED.hint()), r.out());
    }

    @Test
    void shouldClassifyReset_whenTheServerResets() throws Exception {
        Workbench.Run run = Workbench.against(ControlledServer.start(RESET), dir, "--rate", "100", "--duration", "1s");

        assertEquals(100, run.summary().requests(), run.out());
        assertEquals(Map.of("reset", 100L), run.summary().errors(), run.out());
    }

    @Test
    void shouldClassifyReadTimeout_whenTheServerNeverAnswers() throws Exception {
        Workbench.Run run = Workbench.against(ControlledServer.start(SILENT), dir, "--rate", "20", "--duration", "1s",
                "--timeout", "300ms");

        assertEquals(Map.of("read timeout", 20L), run.summary().errors(), run.out());
        assertEquals(0, run.summary().latency().count());
    }

    @Test
    void shouldCountServerErrorsByStatus_whenTheServerAnswers500() throws Exception {
        Workbench.Run run = Workbench.against(ControlledServer.start(STATUS_500), dir, "--rate", "100", "--duration", "1s");

        assertEquals(Map.of("500", 100L), run.summary().statuses(), run.out());
        assertEquals(100, run.summary().responses());
        assertEquals(0, run.summary().responses2xx());
        assertEquals(Map.of(), run.summary().errors());
        assertTrue(run.out().contains("HTTP 500"), run.out());
    }
}
