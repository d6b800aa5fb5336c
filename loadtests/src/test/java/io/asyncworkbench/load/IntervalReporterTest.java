package io.asyncworkbench.load;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The interval log, written from two loops' recorders without any socket, read back with HdrHistogram's reader. */
class IntervalReporterTest {

    @TempDir
    Path dir;

    /** What a load loop does on a measured response. */
    private static void respond(LoopStats stats, int status, long correctedNanos, long uncorrectedNanos) {
        stats.anyResponse();
        stats.response(status, correctedNanos, uncorrectedNanos);
    }

    @Test
    void shouldSumTheLoopsPerInterval_andTagTheUncorrectedLatencyAndTheSendLag() throws Exception {
        LoopStats a = new LoopStats();
        LoopStats b = new LoopStats();
        Path hlog = dir.resolve("run.hlog");
        long start = 1_780_000_000_000L;
        IntervalReporter reporter = new IntervalReporter(List.of(a, b), hlog, "workbench load --test", start);
        reporter.startMeasuring(start);

        respond(a, 200, 2_000_000, 1_000_000);
        respond(b, 200, 4_000_000, 1_000_000);
        respond(b, 500, 8_000_000, 2_000_000);
        a.sendLag(70_000);
        IntervalReporter.Tick first = reporter.tick(start + 1000);
        respond(a, 200, 3_000_000, 3_000_000);
        reporter.tick(start + 2000);
        assertFalse(Files.exists(hlog), "the log keeps its partial name until finished");
        reporter.finish();

        assertEquals(3, first.responses());
        List<EncodableHistogram> read = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
                read.add(h);
            }
        }
        assertEquals(6, read.size());
        assertNull(read.get(0).getTag());
        assertEquals("uncorrected", read.get(1).getTag());
        assertEquals("send-lag", read.get(2).getTag());
        assertEquals(1, ((Histogram) read.get(2)).getTotalCount());
        assertEquals(70_000, ((Histogram) read.get(2)).getMaxValue(), 70_000 / 1000.0);
        assertEquals(3, ((Histogram) read.get(0)).getTotalCount());
        assertEquals(8_000_000, ((Histogram) read.get(0)).getMaxValue(), 8_000_000 / 1000.0);
        assertEquals(2_000_000, ((Histogram) read.get(1)).getMaxValue(), 2_000_000 / 1000.0);
        assertEquals(1, ((Histogram) read.get(3)).getTotalCount());
        assertEquals(start + 1000, read.get(3).getStartTimeStamp());
        assertEquals(start + 2000, read.get(3).getEndTimeStamp());
        assertEquals(4, reporter.totalCorrected().getTotalCount());
        assertEquals(4, reporter.totalUncorrected().getTotalCount());
    }
}
