package io.asyncworkbench.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The counters and service-time histogram of one server thread, as the blog's Part 2 server kept
 * them: connections accepted and finished, requests by status, and how long each request took
 * from its decoding to its response being written.
 *
 * <p><b>One writer.</b> Only the thread this object belongs to (an event loop) may call the
 * {@code on...} methods. That lets every update be a plain store with release semantics instead
 * of a locked read-modify-write, and the histogram a {@link SingleWriterRecorder}: recording a
 * latency takes no lock and allocates nothing. Any thread may read, and {@code /metrics} does.
 */
public final class ThreadMetrics {

    /** Longest service time the histogram tracks: 60 s, in nanoseconds (longer values are clamped). */
    static final long MAX_TRACKED_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int MAX_STATUS = 600;

    private final String thread;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong requestsStarted = new AtomicLong();
    private final AtomicLongArray requestsByStatus = new AtomicLongArray(MAX_STATUS);
    private final SingleWriterRecorder serviceTime = new SingleWriterRecorder(1, MAX_TRACKED_NANOS, 3);

    /** Everything recorded so far; only touched under the owning {@link ServerMetrics}' render lock. */
    private final Histogram cumulative = new Histogram(1, MAX_TRACKED_NANOS, 3);
    private Histogram interval;

    ThreadMetrics(String thread) {
        this.thread = thread;
    }

    public String thread() {
        return thread;
    }

    public void onConnectionAccepted() {
        accepted.setRelease(accepted.getPlain() + 1);
    }

    public void onConnectionFinished() {
        finished.setRelease(finished.getPlain() + 1);
    }

    /** A request has been decoded and is about to be served. */
    public void onRequestStarted() {
        requestsStarted.setRelease(requestsStarted.getPlain() + 1);
    }

    /** A request was answered with {@code status}; it took {@code serviceNanos} from decoding to write. */
    public void onRequestFinished(int status, long serviceNanos) {
        int index = status > 0 && status < MAX_STATUS ? status : 0;
        requestsByStatus.lazySet(index, requestsByStatus.get(index) + 1);
        serviceTime.recordValue(Math.min(Math.max(serviceNanos, 1), MAX_TRACKED_NANOS));
    }

    public long accepted() {
        return accepted.get();
    }

    public long finished() {
        return finished.get();
    }

    /** Connections open now: accepted minus finished. */
    public long active() {
        long done = finished.get();
        return accepted.get() - done;
    }

    /** Requests answered with {@code status} so far. */
    public long requests(int status) {
        return requestsByStatus.get(status);
    }

    /** Requests answered so far, whatever their status. */
    public long requestsFinished() {
        long total = 0;
        for (int status = 0; status < MAX_STATUS; status++) {
            total += requestsByStatus.get(status);
        }
        return total;
    }

    /** Requests decoded but not yet answered. */
    public long requestsInFlight() {
        long done = requestsFinished();
        return requestsStarted.get() - done;
    }

    /** Moves what was recorded since the last call into the cumulative histogram and returns it. */
    Histogram drainServiceTime() {
        interval = serviceTime.getIntervalHistogram(interval);
        cumulative.add(interval);
        return cumulative;
    }

    void writeStatuses(PrometheusText out, String name) {
        for (int status = 0; status < MAX_STATUS; status++) {
            long count = requestsByStatus.get(status);
            if (count > 0) {
                out.sample(name, count, "thread", thread, "status", Integer.toString(status));
            }
        }
    }
}
