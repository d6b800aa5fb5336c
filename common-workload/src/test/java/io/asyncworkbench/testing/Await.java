package io.asyncworkbench.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How a test waits: until an event it can observe, polled every few milliseconds, never longer
 * than a deadline; running out of time fails the test and says what was awaited. Never a fixed
 * sleep: a test that must show that something did <em>not</em> happen waits instead for a later
 * event that orders after it (the answer to a second request, say), then looks.
 *
 * <pre>{@code
 * Await.until(Duration.ofSeconds(5), "the server saw both connections close", () -> server.closed() == 2);
 * }</pre>
 */
public final class Await {

    /** A condition that may have to do I/O to find out, e.g. read {@code /proc} or ask a server. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private static final long POLL_MILLIS = 5;

    private Await() {
    }

    /** Returns once {@code condition} holds; throws {@link AssertionError} naming {@code what} after {@code timeout}. */
    public static void until(Duration timeout, String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms in vain until " + what);
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }
}
