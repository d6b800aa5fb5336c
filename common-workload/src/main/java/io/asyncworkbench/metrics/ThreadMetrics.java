package io.asyncworkbench.metrics;

import io.asyncworkbench.concurrent.SingleWriter;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The counters and service-time histogram of one server thread, as the blog's Part 2 server kept
 * them: connections accepted and finished, requests by status, and how long each request took
 * from its decoding to its response being written.
 *
 * <p><b>One writer, by default.</b> Normally only the thread this object belongs to (an event
 * loop) calls the {@code on...} methods. That lets every update be a plain store with release
 * semantics instead of a locked read-modify-write, and the service time an HdrHistogram
 * {@code SingleWriterRecorder} ({@link DurationSummary}): recording a latency takes no lock and
 * allocates nothing. A server whose connections each have their own thread (the blocking stage)
 * shares one instance among {@link Writers#MANY} writers instead: atomic increments and a
 * {@code Recorder}, still without locks. Any thread may read, and {@code /metrics} does, draining
 * the service time once per scrape ({@link #drainServiceTime()}).
 */
public final class ThreadMetrics {

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
    private final DurationSummary serviceTime;

    ThreadMetrics(String thread, Writers writers) {
        this.thread = thread;
        this.manyWriters = writers == Writers.MANY;
        this.serviceTime = new DurationSummary(writers);
    }

    private void increment(AtomicLong counter) {
        if (manyWriters) {
            counter.incrementAndGet();
        } else {
            SingleWriter.increment(counter);
        }
    }

    private void countStatus(int index) {
        if (manyWriters) {
            requestsByStatus.incrementAndGet(index);
        } else {
            SingleWriter.increment(requestsByStatus, index);
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
        countStatus(status > 0 && status < MAX_STATUS ? status : NO_RESPONSE);
        serviceTime.record(serviceNanos);
    }

    /** A decoded request will never be answered (its connection closed first). */
    public void onRequestAbandoned() {
        countStatus(NO_RESPONSE);
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

    /** The service time since start, with what was recorded since the last scrape drained into it: once per scrape. */
    DurationSummary.Snapshot drainServiceTime() {
        return serviceTime.drain();
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
