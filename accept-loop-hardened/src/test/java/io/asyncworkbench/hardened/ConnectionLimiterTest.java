package io.asyncworkbench.hardened;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionLimiterTest {

    private final AtomicLong clock = new AtomicLong(1_000);

    @Test
    void shouldStopHandingOutTokens_whenTheLimitIsReached() {
        ConnectionLimiter limiter = new ConnectionLimiter(2, clock::get);
        assertTrue(limiter.tryAcquire());
        assertFalse(limiter.isFull());
        assertTrue(limiter.tryAcquire());
        assertTrue(limiter.isFull());
        assertFalse(limiter.tryAcquire(), "a third connection must not get a token");
        assertEquals(2, limiter.open());
    }

    @Test
    void shouldSayResume_onlyWhenAReleaseLeavesTheLimit() {
        ConnectionLimiter limiter = new ConnectionLimiter(2, clock::get);
        limiter.tryAcquire();
        limiter.tryAcquire();
        assertTrue(limiter.release(), "it was full: resume accepting");
        assertFalse(limiter.release(), "it was not full: nothing to resume");
        assertEquals(0, limiter.open());
        assertThrows(IllegalStateException.class, limiter::release);
    }

    @Test
    void shouldAddUpTheTimeAtTheLimit_includingTheCurrentStretch() {
        ConnectionLimiter limiter = new ConnectionLimiter(1, clock::get);
        limiter.tryAcquire();
        clock.addAndGet(300);
        assertEquals(300, limiter.fullNanos());
        limiter.release();
        clock.addAndGet(1_000);
        assertEquals(300, limiter.fullNanos(), "no time counts below the limit");
        limiter.tryAcquire();
        clock.addAndGet(50);
        assertEquals(350, limiter.fullNanos());
        assertEquals(2, limiter.timesFull());
    }

    @Test
    void shouldNeverBeFull_whenThereIsNoLimit() {
        ConnectionLimiter limiter = new ConnectionLimiter(0, clock::get);
        for (int i = 0; i < 100_000; i++) {
            assertTrue(limiter.tryAcquire());
        }
        assertFalse(limiter.isFull());
        assertEquals(0, limiter.fullNanos());
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimiter(-1, clock::get));
    }
}
