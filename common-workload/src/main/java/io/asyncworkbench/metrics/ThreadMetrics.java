package io.asyncworkbench.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntervalHistogramProvider;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;
import org.HdrHistogram.ValueRecorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The counters and service-time histogram of one server thread, as the blog's Part 2 server kept
 * them: connections accepted and finished, requests by status, and how long each request took
 * from its decoding to its response being written.
 *
 * <p><b>One writer, by default.</b> Normally only the thread this object belongs to (an event
 * loop) calls the {@code on...} methods. That lets every update be a plain store with release
 * semantics instead of a locked read-modify-write, and the histogram a {@link SingleWriterRecorder}:
 * recording a latency takes no lock and allocates nothing. A server whose connections each have
 * their own thread (the blocking stage) shares one instance among {@link Writers#MANY} writers
 * instead: atomic increments and a {@link Recorder}, still without locks. Any thread may read,
 * and {@code /metrics} does.
 */
public final class ThreadMetrics {

    /** Longest service time the histogram tracks: 60 s, in nanoseconds (longer values are clamped). */
    static final long MAX_TRACKED_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int MAX_STATUS = 600;
    /** Where requests that got no response are counted (status 0 is not rendered as a status). */
    private static final int NO_RESPONSE = 0;

    /** Who may record: the owning thread only, or any number of threads. */
    public enum Writers { ONE, MANY }

    private final String thread;
    private final boolean manyWriters;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong requestsStarted = new AtomicLong();
    private final AtomicLongArray requestsByStatus = new AtomicLongArray(MAX_STATUS);
    private final ValueRecorder serviceTime;
    private final IntervalHistogramProvider<Histogram> serviceTimeIntervals;

    /** Everything recorded so far; only touched under the owning {@link ServerMetrics}' render lock. */
    private final Histogram cumulative = new Histogram(1, MAX_TRACKED_NANOS, 3);
    private Histogram interval;

    ThreadMetrics(String thread, Writers writers) {
        this.thread = thread;
        this.manyWriters = writers == Writers.MANY;
        if (manyWriters) {
            Recorder recorder = new Recorder(1, MAX_TRACKED_NANOS, 3);
            serviceTime = recorder;
            serviceTimeIntervals = recorder;
        } else {
            SingleWriterRecorder recorder = new SingleWriterRecorder(1, MAX_TRACKED_NANOS, 3);
            serviceTime = recorder;
            serviceTimeIntervals = recorder;
        }
    }

    private void increment(AtomicLong counter) {
        if (manyWriters) {
            counter.incrementAndGet();
        } else {
            counter.setRelease(counter.getPlain() + 1);
        }
    }

    public String thread() {
        return thread;
    }

    public void onConnectionAccepted() {
        increment(accepted);
    }

    public void onConnectionFinished() {
        increment(finished);
    }

    /** A request has been decoded and is about to be served. */
    public void onRequestStarted() {
        increment(requestsStarted);
    }

    /** A request was answered with {@code status}; it took {@code serviceNanos} from decoding to write. */
    public void onRequestFinished(int status, long serviceNanos) {
        int index = status > 0 && status < MAX_STATUS ? status : NO_RESPONSE;
        if (manyWriters) {
            requestsByStatus.incrementAndGet(index);
        } else {
            requestsByStatus.lazySet(index, requestsByStatus.get(index) + 1);
        }
        serviceTime.recordValue(Math.min(Math.max(serviceNanos, 1), MAX_TRACKED_NANOS));
    }

    /** A decoded request will never be answered (its connection closed first). */
    public void onRequestAbandoned() {
        if (manyWriters) {
            requestsByStatus.incrementAndGet(NO_RESPONSE);
        } else {
            requestsByStatus.lazySet(NO_RESPONSE, requestsByStatus.get(NO_RESPONSE) + 1);
        }
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
        interval = serviceTimeIntervals.getIntervalHistogram(interval);
        cumulative.add(interval);
        return cumulative;
    }

    void writeStatuses(PrometheusText out, String name) {
        for (int status = NO_RESPONSE + 1; status < MAX_STATUS; status++) {
            long count = requestsByStatus.get(status);
            if (count > 0) {
                out.sample(name, count, "thread", thread, "status", Integer.toString(status));
            }
        }
    }
}
