package io.asyncworkbench.load;

import io.asyncworkbench.concurrent.SingleWriter;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one event loop measured: latency recorders and counters written by that loop's thread
 * alone and read once a second by the reporter, so recording takes no lock and no contended
 * atomic (HdrHistogram's {@link SingleWriterRecorder}; counters go up by {@link SingleWriter#increment}).
 *
 * <p>Three recorders, as wrk2 keeps them: latency from the <em>intended</em> send time
 * ({@link #corrected}), from the actual send time ({@link #uncorrected}), and the send lag, how
 * late the generator noticed an arrival. Values are nanoseconds, up to one hour.
 */
final class LoopStats {

    static final long HIGHEST_NANOS = TimeUnit.HOURS.toNanos(1);
    static final int SIGNIFICANT_DIGITS = 3;

    // Counters.
    static final int REQUESTS = 0;
    static final int RESPONSES = 1;
    static final int RESPONSES_2XX = 2;
    static final int CONNECTIONS_OPENED = 3;
    static final int SKIPPED_ARRIVALS = 4;
    static final int OPEN_CONNECTIONS = 5;
    static final int ERRORS = 6;
    /** Every response, warmup included: for the progress line. */
    static final int ALL_RESPONSES = 7;
    /** The most connections open at once, warmup included. */
    static final int PEAK_OPEN_CONNECTIONS = 8;
    /** Responses that arrived inside the measured window, whenever their request was sent: the achieved rate's count. */
    static final int COMPLETED_IN_WINDOW = 9;
    /** Connections of {@code --hold-idle} that connected. */
    static final int IDLE_HELD = 10;
    private static final int COUNTERS = 11;

    final SingleWriterRecorder corrected = newRecorder();
    final SingleWriterRecorder uncorrected = newRecorder();
    final SingleWriterRecorder sendLag = newRecorder();

    private final AtomicLongArray counters = new AtomicLongArray(COUNTERS);
    private final AtomicLongArray errors = new AtomicLongArray(ErrorClass.values().length);
    private final AtomicLongArray statuses = new AtomicLongArray(600);
    private volatile String otherErrorExample;

    static SingleWriterRecorder newRecorder() {
        return new SingleWriterRecorder(1, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    }

    void request() {
        SingleWriter.increment(counters, REQUESTS);
    }

    void anyResponse() {
        SingleWriter.increment(counters, ALL_RESPONSES);
    }

    void completedInWindow() {
        SingleWriter.increment(counters, COMPLETED_IN_WINDOW);
    }

    void response(int status, long correctedNanos, long uncorrectedNanos) {
        corrected.recordValue(clamp(correctedNanos));
        uncorrected.recordValue(clamp(uncorrectedNanos));
        SingleWriter.increment(counters, RESPONSES);
        if (status >= 200 && status < 300) {
            SingleWriter.increment(counters, RESPONSES_2XX);
        } else {
            SingleWriter.increment(statuses, Math.min(Math.max(status, 0), statuses.length() - 1));
        }
    }

    void error(ErrorClass errorClass, Throwable cause) {
        SingleWriter.increment(errors, errorClass.ordinal());
        SingleWriter.increment(counters, ERRORS);
        if (errorClass == ErrorClass.OTHER && otherErrorExample == null && cause != null) {
            otherErrorExample = cause.toString();
        }
    }

    void sendLag(long lagNanos) {
        sendLag.recordValue(clamp(lagNanos));
    }

    void skippedArrival() {
        SingleWriter.increment(counters, SKIPPED_ARRIVALS);
    }

    void connectionOpened() {
        SingleWriter.increment(counters, CONNECTIONS_OPENED);
    }

    void idleHeld() {
        SingleWriter.increment(counters, IDLE_HELD);
    }

    void openConnections(int open) {
        counters.setRelease(OPEN_CONNECTIONS, open);
        if (open > counters.getPlain(PEAK_OPEN_CONNECTIONS)) {
            counters.setRelease(PEAK_OPEN_CONNECTIONS, open);
        }
    }

    long get(int counter) {
        return counters.getAcquire(counter);
    }

    long errors(ErrorClass errorClass) {
        return errors.getAcquire(errorClass.ordinal());
    }

    /** Responses with {@code status}, for every status outside 2xx (2xx are only counted together). */
    long status(int status) {
        return statuses.getAcquire(status);
    }

    static int statusCount() {
        return 600;
    }

    String otherErrorExample() {
        return otherErrorExample;
    }

    private static long clamp(long nanos) {
        return Math.min(Math.max(nanos, 0), HIGHEST_NANOS);
    }
}
