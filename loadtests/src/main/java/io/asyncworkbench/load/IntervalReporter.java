package io.asyncworkbench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.SingleWriterRecorder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Once a second, takes what every event loop recorded since the last tick, jHiccup style:
 * {@code recorder.getIntervalHistogram(reuse)} per loop, summed into one interval histogram,
 * added to the run's totals, and written to the {@code --hlog} file with
 * {@link HistogramLogWriter}: legend once, then one line per interval.
 *
 * <p>The log holds the corrected latency untagged, so HdrHistogram's {@code HistogramLogProcessor}
 * reads it by default, and the uncorrected latency tagged {@code uncorrected}
 * ({@code HistogramLogProcessor -tag uncorrected}), and the generator's send lag (how late each
 * request went out against its schedule) tagged {@code send-lag}. Values are nanoseconds; the processor's
 * default output ratio of 1e6 prints milliseconds. The file is written under a partial name and
 * renamed when complete ({@link AtomicFiles}).
 */
final class IntervalReporter {

    /** What one tick saw: responses (warmup included), errors and open connections so far, and the interval's corrected latency. */
    record Tick(long responses, long errors, long openConnections, Histogram corrected) {
    }

    /** The tag of the send lag's intervals: how late each request went out against its schedule. */
    static final String SEND_LAG_TAG = "send-lag";

    private final List<LoopStats> loops;
    private final Stream corrected;
    private final Stream uncorrected;
    private final Stream sendLag;
    private final Path hlogTarget;
    private final HistogramLogWriter hlog;
    private long measureStartWallMs = -1;
    private long lastTickWallMs;

    IntervalReporter(List<LoopStats> loops, Path hlogTarget, String commandLine, long startWallMs) throws IOException {
        this.loops = loops;
        this.corrected = new Stream(loops.size(), s -> s.corrected, null);
        this.uncorrected = new Stream(loops.size(), s -> s.uncorrected, "uncorrected");
        this.sendLag = new Stream(loops.size(), s -> s.sendLag, SEND_LAG_TAG);
        this.hlogTarget = hlogTarget;
        this.hlog = hlogTarget == null ? null : new HistogramLogWriter(AtomicFiles.partial(hlogTarget).toFile());
        this.lastTickWallMs = startWallMs;
        if (hlog != null) {
            hlog.outputComment("workbench load: " + commandLine);
            hlog.outputComment("Latency in nanoseconds: untagged = corrected (from the intended send time),"
                    + " tag 'uncorrected' = from the actual send time, tag 'send-lag' = how late each request was sent");
        }
    }

    /** The measured window starts: the log's base time, and its header. */
    void startMeasuring(long wallMs) {
        measureStartWallMs = wallMs;
        if (hlog != null) {
            hlog.outputLogFormatVersion();
            hlog.outputStartTime(wallMs);
            hlog.outputBaseTime(wallMs);
            hlog.setBaseTime(wallMs);
            hlog.outputLegend();
        }
    }

    /** Collects the interval that ends now. */
    Tick tick(long nowWallMs) {
        long from = Math.max(lastTickWallMs, measureStartWallMs);
        corrected.collect(loops, from, nowWallMs);
        uncorrected.collect(loops, from, nowWallMs);
        sendLag.collect(loops, from, nowWallMs);
        if (hlog != null && measureStartWallMs >= 0) {
            hlog.outputIntervalHistogram(corrected.interval);
            hlog.outputIntervalHistogram(uncorrected.interval);
            hlog.outputIntervalHistogram(sendLag.interval);
        }
        lastTickWallMs = nowWallMs;
        long responses = 0;
        long errors = 0;
        long open = 0;
        for (LoopStats s : loops) {
            responses += s.get(LoopStats.ALL_RESPONSES);
            errors += s.get(LoopStats.ERRORS);
            open += s.get(LoopStats.OPEN_CONNECTIONS);
        }
        return new Tick(responses, errors, open, corrected.interval);
    }

    Histogram totalCorrected() {
        return corrected.total;
    }

    Histogram totalUncorrected() {
        return uncorrected.total;
    }

    Histogram totalSendLag() {
        return sendLag.total;
    }

    /** Closes the log and gives it its final name; a run that never reached its measured window leaves none. */
    void finish() throws IOException {
        if (hlog != null) {
            hlog.close();
            if (measureStartWallMs >= 0) {
                AtomicFiles.publish(hlogTarget);
            }
        }
    }

    /** One latency series: a recorder per loop, the last interval summed over loops, and the total. */
    private static final class Stream {
        private final Histogram[] reuse;
        private final Function<LoopStats, SingleWriterRecorder> recorder;
        private final String tag;
        final Histogram interval = newHistogram();
        final Histogram total = newHistogram();

        Stream(int loops, Function<LoopStats, SingleWriterRecorder> recorder, String tag) {
            this.reuse = new Histogram[loops];
            this.recorder = recorder;
            this.tag = tag;
        }

        void collect(List<LoopStats> loops, long fromWallMs, long toWallMs) {
            interval.reset(); // which clears the tag too
            interval.setTag(tag);
            for (int i = 0; i < reuse.length; i++) {
                reuse[i] = recorder.apply(loops.get(i)).getIntervalHistogram(reuse[i]);
                interval.add(reuse[i]);
            }
            interval.setStartTimeStamp(fromWallMs);
            interval.setEndTimeStamp(toWallMs);
            total.add(interval);
        }

        private static Histogram newHistogram() {
            return new Histogram(1, LoopStats.HIGHEST_NANOS, LoopStats.SIGNIFICANT_DIGITS);
        }
    }
}
