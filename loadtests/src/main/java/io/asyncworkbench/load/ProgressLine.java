package io.asyncworkbench.load;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The live line on stderr, once a second: elapsed of total time, responses per second, p50 and
 * p99 of that second (corrected), errors so far and open connections, e.g.
 * <pre>
 *   4s/10s   2,000 req/s  p50 0.180 ms  p99 0.410 ms  errors 0  connections 3
 * </pre>
 * On a terminal the line rewrites itself in place; into a file or a pipe each second is a line.
 */
final class ProgressLine {

    private final PrintWriter err;
    private final boolean terminal;
    private boolean shown;

    ProgressLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** One second's line; {@code totalSeconds} is NaN when the run ends with its users, a latency NaN when none was recorded. */
    static String format(double elapsedSeconds, double totalSeconds, boolean warmup, double responsesPerSecond,
                         double p50Ms, double p99Ms, long errors, long openConnections) {
        String total = Double.isNaN(totalSeconds) ? "" : String.format(Locale.ROOT, "/%.0fs", totalSeconds);
        return String.format(Locale.ROOT, "%s%4.0fs%s  %,9.0f req/s  p50 %s ms  p99 %s ms  errors %,d  connections %,d",
                warmup ? "warmup " : "", elapsedSeconds, total, responsesPerSecond, ms(p50Ms), ms(p99Ms), errors, openConnections);
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    void show(String line) {
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
        } else {
            err.println(line);
        }
        err.flush();
        shown = true;
    }

    /** Ends the updating line so that what follows starts on a fresh one. */
    void end() {
        if (terminal && shown) {
            err.println();
            err.flush();
        }
        shown = false;
    }

    /** Whether this process's stderr is a terminal (Linux: fd 2 links to a tty or pts device). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }
}
