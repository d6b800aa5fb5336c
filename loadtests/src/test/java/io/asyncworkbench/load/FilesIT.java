package io.asyncworkbench.load;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static io.asyncworkbench.load.ControlledServer.Behaviour.OK;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --hlog} and {@code --json}: readable by HdrHistogram, complete, and never left half-written. */
@Timeout(30)
class FilesIT {

    @TempDir
    Path dir;

    @Test
    void shouldWriteAnHlogWhoseTotalEqualsTheRecordedRequests() throws Exception {
        Path hlog = dir.resolve("logs/run.hlog");
        Workbench.Run run = Workbench.against(ControlledServer.start(OK), dir, "--rate", "400", "--duration", "2500ms",
                "--hlog", hlog.toString());

        long corrected = 0;
        long uncorrected = 0;
        long sendLag = 0;
        int intervals = 0;
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
                long count = ((Histogram) h).getTotalCount();
                if (h.getTag() == null) {
                    corrected += count;
                    intervals++;
                } else if (h.getTag().equals("send-lag")) {
                    sendLag += count;
                } else {
                    assertEquals("uncorrected", h.getTag());
                    uncorrected += count;
                }
            }
        }
        Summary s = run.summary();
        assertEquals(s.responses(), s.latency().count());
        assertEquals(s.latency().count(), corrected, run.out());
        assertEquals(s.latency().count(), uncorrected);
        assertEquals(s.sendLag().count(), sendLag, "every send's lag, under its own tag");
        assertTrue(sendLag > 0);
        assertTrue(intervals >= 3, "1 s intervals over 2.5 s and the drain: " + intervals);
        try (var files = Files.list(hlog.getParent())) {
            assertEquals(1, files.count(), "no partial file left beside the log");
        }
    }

    @Test
    void shouldWriteTheCommandLineAndTimesIntoTheJsonSummary() throws Exception {
        ControlledServer server = ControlledServer.start(OK);
        String url = server.url();
        Workbench.Run run = Workbench.against(server, dir, "--users", "2", "--requests-per-user", "5", "--header", "X-Test: a b");

        Summary s = run.summary();
        assertEquals("workbench load --url " + url + " --users 2 --requests-per-user 5 --header 'X-Test: a b'"
                + " --json " + dir.resolve("summary.json"), s.command());
        assertFalse(Instant.parse(s.endTime()).isBefore(Instant.parse(s.startTime())));
        assertEquals(10, s.responses());
    }
}
