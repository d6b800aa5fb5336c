package io.asyncworkbench.hardened;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AcceptBackoffTest {

    private static final long MS = 1_000_000;

    @Test
    void shouldDoubleUpToTheMaximum_whenShortagesRepeat() {
        AcceptBackoff backoff = new AcceptBackoff(Duration.ofMillis(500), Duration.ofSeconds(5));
        long[] pauses = LongStream.range(0, 7).map(i -> backoff.nextPauseNanos() / MS).toArray();
        assertArrayEquals(new long[] {500, 1000, 2000, 4000, 5000, 5000, 5000}, pauses);
    }

    @Test
    void shouldStartOver_whenAConnectionWasAccepted() {
        AcceptBackoff backoff = new AcceptBackoff(Duration.ofMillis(500), Duration.ofSeconds(2));
        backoff.nextPauseNanos();
        backoff.nextPauseNanos();
        assertEquals(2000 * MS, backoff.nextPauseNanos());
        backoff.reset();
        assertEquals(500 * MS, backoff.nextPauseNanos());
        assertEquals(1000 * MS, backoff.nextPauseNanos());
    }

    @Test
    void shouldKeepAFlatPause_whenTheMaximumIsTheInitialPause() {
        AcceptBackoff backoff = new AcceptBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertEquals(1000 * MS, backoff.nextPauseNanos());
        assertEquals(1000 * MS, backoff.nextPauseNanos());
    }

    @Test
    void shouldRefuse_whenThePausesMakeNoSense() {
        assertThrows(IllegalArgumentException.class, () -> new AcceptBackoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new AcceptBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
