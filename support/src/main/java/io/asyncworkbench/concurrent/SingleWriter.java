package io.asyncworkbench.concurrent;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The one way this project counts when only one thread writes a counter (an event loop's metrics,
 * a generator loop's statistics): a plain read and a release store, no locked read-modify-write
 * instruction on the hot path. Any thread may read the count, with {@code get} or
 * {@code getAcquire}, and sees every increment made before the write it reads. Two threads
 * incrementing the same counter this way would lose counts: a counter with many writers uses
 * {@link AtomicLong#incrementAndGet()}.
 *
 * <pre>{@code
 * SingleWriter.increment(accepted);               // an AtomicLong
 * SingleWriter.increment(requestsByStatus, 200);  // a slot of an AtomicLongArray
 * }</pre>
 */
public final class SingleWriter {

    private SingleWriter() {
    }

    /** Adds one to {@code counter}; only its one writer may call this. */
    public static void increment(AtomicLong counter) {
        counter.setRelease(counter.getPlain() + 1);
    }

    /** Adds one to slot {@code index} of {@code counters}; only the slot's one writer may call this. */
    public static void increment(AtomicLongArray counters, int index) {
        counters.setRelease(index, counters.getPlain(index) + 1);
    }
}
