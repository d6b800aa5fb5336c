package io.asyncworkbench.hardened;

import io.asyncworkbench.cli.Durations;
import io.asyncworkbench.server.AcceptErrorClassifier;
import io.asyncworkbench.server.AcceptErrorClassifier.AcceptError;
import io.asyncworkbench.transport.Errno;

import java.io.PrintStream;
import java.time.Duration;

/**
 * What operators read about accept errors: one line when a pause episode starts (the error,
 * what the server does about it, and a hint), one line when it ends (how long it lasted and how
 * many failed accepts were counted but not logged). An episode starts with the first shortage
 * and ends at the next accepted connection; the retries in between are only counted, so a storm
 * of 10,000 failed accepts is two lines, not 10,000.
 *
 * <pre>
 * accept-loop: accept() failed: EMFILE (Too many open files); stopped accepting until a connection closes,
 *   retrying after 500ms at the latest and backing off up to 2s; further failures are counted in /metrics,
 *   not logged. Hint: raise the per-process open file limit (ulimit -n, now 100) or set --max-connections below it.
 * accept-loop: accepting again after 4200ms; 6 failed accepts in between were not logged.
 * </pre>
 *
 * <p><b>Ready before the storm.</b> When accept fails with EMFILE, nothing that needs a file
 * descriptor can work: loading a class from a jar that is not open yet, opening a log file,
 * reading {@code /proc/self/fd} to count descriptors. So the hints are formatted when the server
 * starts (the open file limit read then), the lines go to the already open {@code stderr}, and
 * {@link #warmUp} runs the formatting once so that every class it needs is loaded (Netty issue
 * 1328). Not thread-safe: the listening socket's event loop owns it.
 */
final class AcceptLog {

    private final PrintStream out;
    private final String[] hints = new String[Errno.values().length];
    private final String otherHint;
    private boolean inEpisode;
    private long episodeStartNanos;
    private long suppressed;

    /** Logs to {@code out}; {@code openFileLimit} is the process's limit (negative if unknown), quoted in the EMFILE hint. */
    AcceptLog(PrintStream out, long openFileLimit) {
        this.out = out;
        String limit = openFileLimit >= 0 ? ", now " + openFileLimit : "";
        hints[Errno.EMFILE.ordinal()] = "raise the per-process open file limit (ulimit -n" + limit + ") or set --max-connections below it.";
        hints[Errno.ENFILE.ordinal()] = AcceptErrorClassifier.hint(Errno.ENFILE) + ".";
        hints[Errno.ENOBUFS.ordinal()] = AcceptErrorClassifier.hint(Errno.ENOBUFS) + ".";
        hints[Errno.ENOMEM.ordinal()] = AcceptErrorClassifier.hint(Errno.ENOMEM) + ".";
        otherHint = "an error this server does not expect from accept(); the message above says more.";
    }

    /** Accepting failed and {@code action} is what the server does about it; prints a line only if an episode starts. */
    void onFailure(AcceptError error, String action, long nowNanos) {
        if (inEpisode) {
            suppressed++;
            return;
        }
        inEpisode = true;
        episodeStartNanos = nowNanos;
        suppressed = 0;
        out.println(startLine(error, action));
    }

    /** A connection was accepted: ends the episode, if one was going on, with a line. */
    void onAccepted(long nowNanos) {
        if (inEpisode) {
            inEpisode = false;
            out.println(endLine(nowNanos - episodeStartNanos, suppressed));
        }
    }

    boolean inEpisode() {
        return inEpisode;
    }

    String startLine(AcceptError error, String action) {
        String what = error.errno() != null ? error.kind() + " (" + error.errno().text() + ")" : error.kind() + " (" + error.message() + ")";
        String hint = error.errno() != null && hints[error.errno().ordinal()] != null ? hints[error.errno().ordinal()] : otherHint;
        return "accept-loop: accept() failed: " + what + "; " + action
                + "; further failures are counted in /metrics, not logged. Hint: " + hint;
    }

    static String endLine(long episodeNanos, long suppressed) {
        return "accept-loop: accepting again after " + Durations.format(Duration.ofMillis(episodeNanos / 1_000_000))
                + "; " + suppressed + " failed accepts in between were not logged.";
    }

    /** Runs the formatting once on a made-up error, so nothing is loaded lazily when descriptors run out. */
    void warmUp(AcceptError sample) {
        if (startLine(sample, "warm-up").isEmpty() || endLine(1, 1).isEmpty()) {
            throw new AssertionError("unreachable");
        }
    }
}
