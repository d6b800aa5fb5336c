package io.asyncworkbench.hardened;

import io.asyncworkbench.cli.Durations;

import java.time.Duration;

/**
 * How long to stop accepting after a resource shortage: {@code initial} the first time, doubling
 * on every further failure up to {@code max}, and back to {@code initial} once a connection is
 * accepted again. Go's {@code net/http} does the same (5 ms doubling to 1 s); the chapter pauses a
 * flat 500 ms and Netty a flat 1 s.
 *
 * <pre>{@code
 * AcceptBackoff backoff = new AcceptBackoff(Duration.ofMillis(500), Duration.ofSeconds(2));
 * backoff.nextPauseNanos();  // 500 ms
 * backoff.nextPauseNanos();  // 1 s
 * backoff.nextPauseNanos();  // 2 s
 * backoff.nextPauseNanos();  // 2 s, and so on
 * backoff.reset();           // a connection was accepted: 500 ms next time
 * }</pre>
 *
 * A storm that lasts costs one failed {@code accept()} per {@code max}: nothing. Out of
 * descriptors, the {@code AcceptGuard} ends a pause early when one of its connections closes, so
 * {@code max} is only the longest wait to notice descriptors freed some other way. Not thread-safe:
 * the listening socket's event loop owns it.
 */
public final class AcceptBackoff {

    private final long initialNanos;
    private final long maxNanos;
    private long nextNanos;

    public AcceptBackoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("--accept-pause must be > 0 and <= --accept-pause-max, was "
                    + Durations.format(initial) + " and " + Durations.format(max));
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.nextNanos = initialNanos;
    }

    /** The pause to take now; the one after it is twice as long, up to the maximum. */
    public long nextPauseNanos() {
        long pause = nextNanos;
        nextNanos = Math.min(maxNanos, nextNanos * 2);
        return pause;
    }

    /** A connection was accepted: the next pause starts again from the initial one. */
    public void reset() {
        nextNanos = initialNanos;
    }
}
