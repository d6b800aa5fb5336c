package io.asyncworkbench.hardened;

import java.util.function.LongSupplier;

/**
 * A fixed number of tokens, one per open connection (async-listen's {@code backpressure(n)}):
 * the accept loop takes one per accepted connection and stops accepting when none is left, so
 * further clients wait in the kernel's listen backlog instead of being accepted and dropped; a
 * closing connection gives its token back and accepting resumes. It also adds up how long the
 * server spent at the limit, which is what {@code /metrics} shows an operator sizing the limit.
 *
 * <pre>{@code
 * ConnectionLimiter limiter = new ConnectionLimiter(2, System::nanoTime);
 * limiter.tryAcquire();  // true, 1 open
 * limiter.tryAcquire();  // true, 2 open: isFull(), stop accepting
 * limiter.tryAcquire();  // false: the caller must not serve this one
 * limiter.release();     // true: it was full, resume accepting
 * }</pre>
 *
 * A limit of 0 means no limit. Thread-safe: tokens are taken on the listening socket's event loop
 * and given back on whichever loop serves the connection; both happen once per connection, so a
 * lock costs nothing measurable.
 */
public final class ConnectionLimiter {

    private final int limit;
    private final LongSupplier nanoClock;
    private int open;
    private long fullSinceNanos;
    private long fullNanosBefore;
    private long timesFull;

    public ConnectionLimiter(int limit, LongSupplier nanoClock) {
        if (limit < 0) {
            throw new IllegalArgumentException("--max-connections must be >= 0 (0: no limit), was " + limit);
        }
        this.limit = limit;
        this.nanoClock = nanoClock;
    }

    /** Takes a token for a new connection; false if none was left (then nothing was taken). */
    public synchronized boolean tryAcquire() {
        if (isFull()) {
            return false;
        }
        open++;
        if (isFull()) {
            fullSinceNanos = nanoClock.getAsLong();
            timesFull++;
        }
        return true;
    }

    /** Gives a closed connection's token back; true if the limiter was full until now (resume accepting). */
    public synchronized boolean release() {
        if (open == 0) {
            throw new IllegalStateException("released more tokens than were taken");
        }
        boolean wasFull = isFull();
        open--;
        if (wasFull) {
            fullNanosBefore += nanoClock.getAsLong() - fullSinceNanos;
        }
        return wasFull;
    }

    /** Whether every token is taken (never, without a limit). */
    public synchronized boolean isFull() {
        return limit > 0 && open >= limit;
    }

    public int limit() {
        return limit;
    }

    public synchronized int open() {
        return open;
    }

    /** How many times the limit was reached. */
    public synchronized long timesFull() {
        return timesFull;
    }

    /** Total time spent with every token taken, the current stretch included. */
    public synchronized long fullNanos() {
        return fullNanosBefore + (isFull() ? nanoClock.getAsLong() - fullSinceNanos : 0);
    }
}
