package io.asyncworkbench.load;

import java.util.Arrays;

/**
 * Requests waiting for a free connection, oldest first: each is its intended send time and the
 * number of requests its user still has to send after it. Two parallel primitive arrays in a ring,
 * so queueing a request allocates nothing (only growing does, by doubling).
 *
 * <p>In the open model a request that waits here keeps its intended time: the wait counts in
 * its latency, which is what stops the generator from hiding a slow server (coordinated omission).
 */
final class PendingQueue {

    private long[] intendedNanos = new long[64];
    private int[] remaining = new int[64];
    private int head;
    private int size;

    void add(long intendedAtNanos, int remainingAfter) {
        if (size == intendedNanos.length) {
            grow();
        }
        int tail = (head + size) & (intendedNanos.length - 1);
        intendedNanos[tail] = intendedAtNanos;
        remaining[tail] = remainingAfter;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The intended send time of the oldest request; the queue must not be empty. */
    long peekIntended() {
        return intendedNanos[head];
    }

    /** The remaining count of the oldest request; the queue must not be empty. */
    int peekRemaining() {
        return remaining[head];
    }

    /** Drops the oldest request. */
    void remove() {
        head = (head + 1) & (intendedNanos.length - 1);
        size--;
    }

    private void grow() {
        int capacity = intendedNanos.length;
        long[] newIntended = Arrays.copyOf(intendedNanos, capacity * 2);
        int[] newRemaining = Arrays.copyOf(remaining, capacity * 2);
        // Unwrap: the part before head moves after the old end.
        System.arraycopy(intendedNanos, 0, newIntended, capacity, head);
        System.arraycopy(remaining, 0, newRemaining, capacity, head);
        intendedNanos = newIntended;
        remaining = newRemaining;
    }
}
