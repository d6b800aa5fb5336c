package io.asyncworkbench.blocking;

import io.asyncworkbench.metrics.AcceptMetrics;
import io.asyncworkbench.server.AcceptErrorClassifier;
import io.asyncworkbench.server.AcceptErrorClassifier.AcceptError;
import io.asyncworkbench.server.AcceptErrorClassifier.Category;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The accept loop of a blocking server: take a connection off the listening socket, hand it to
 * a thread, repeat until the socket is closed.
 *
 * <p><b>At most {@code maxConnections} at once.</b> Before each {@code accept()} the loop takes a
 * permit, and a connection gives its permit back when it ends. With every permit taken the loop
 * stops accepting, so further connections wait in the kernel's listen backlog, as they do for a
 * pre-forked server whose processes are all busy. (Accepting them into a queue instead would
 * spend a file descriptor on each and still serve none of them sooner.)
 *
 * <p><b>Errors</b> follow the accept-loop chapter, sorted by the {@link AcceptErrorClassifier} the
 * Netty stages use too ({@code java.net} gives only the errno's text): a per-connection error
 * is counted and skipped; anything else is counted and pauses accepting for {@code pause}, again
 * and again until an accept succeeds. One such run of failures is a <em>pause episode</em>: its
 * first failure is logged with a hint, its end with how many failures there were, and nothing in
 * between, so an fd storm cannot flood the log. For example, under {@code ulimit -n 100} and 1,000
 * clients:
 *
 * <pre>
 * accept failed: Too many open files (EMFILE); pausing accepts 500 ms at a time until one succeeds: raise the per-process open file limit (ulimit -n)
 * accepting again after 14 failed accepts (EMFILE)
 * </pre>
 */
final class BlockingAcceptLoop implements Runnable {

    /** Serves an accepted connection on some thread; runs {@code done} once when it has ended. */
    @FunctionalInterface
    interface Handoff {
        void serve(Socket socket, Runnable done);
    }

    private static final long PERMIT_POLL_MILLIS = 100;
    private static final String UNKNOWN_ERROR_HINT = "an accept error this server does not know";

    private final ServerSocket listener;
    private final Semaphore permits;
    private final Handoff handoff;
    private final AcceptMetrics metrics;
    private final Duration pause;
    private final PrintStream log;
    private final AcceptErrorClassifier classifier = new AcceptErrorClassifier();

    // The current pause episode: its first error and how many accepts have failed in it.
    private AcceptError episodeError;
    private long episodeFailures;

    BlockingAcceptLoop(ServerSocket listener, int maxConnections, Handoff handoff, AcceptMetrics metrics,
                       Duration pause, PrintStream log) {
        this.listener = listener;
        this.permits = new Semaphore(maxConnections);
        this.handoff = handoff;
        this.metrics = metrics;
        this.pause = pause;
        this.log = log;
        // Load the error path now: when fds run out, loading a class may itself need one.
        hint(classifier.classify(new IOException("warm-up")));
    }

    /** Accepts until the listening socket is closed (or this thread is interrupted). */
    @Override
    public void run() {
        while (takePermit()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                permits.release();
                if (listener.isClosed() || !onError(e)) {
                    return;
                }
                continue;
            }
            endEpisode();
            handoff.serve(socket, permits::release);
        }
    }

    /** Waits for a free connection slot; false once the listener is closed. */
    private boolean takePermit() {
        try {
            while (!listener.isClosed()) {
                if (permits.tryAcquire(PERMIT_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Counts the error, and pauses unless it concerned one connection only; false if interrupted. */
    private boolean onError(IOException error) {
        AcceptError kind = classifier.classify(error);
        metrics.onAcceptError(kind.kind());
        if (kind.category() == Category.PER_CONNECTION) {
            return true;
        }
        if (episodeFailures++ == 0) {
            episodeError = kind;
            log.println("accept failed: " + error.getMessage() + " (" + kind.kind() + "); pausing accepts " + pause.toMillis()
                    + " ms at a time until one succeeds: " + hint(kind));
        }
        metrics.onAcceptPaused();
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void endEpisode() {
        if (episodeFailures > 0) {
            log.println("accepting again after " + episodeFailures + " failed accepts (" + episodeError.kind() + ")");
            episodeFailures = 0;
        }
    }

    private static String hint(AcceptError error) {
        String hint = error.errno() == null ? "" : AcceptErrorClassifier.hint(error.errno());
        return hint.isEmpty() ? UNKNOWN_ERROR_HINT : hint;
    }
}
