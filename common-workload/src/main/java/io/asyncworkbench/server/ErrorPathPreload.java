package io.asyncworkbench.server;

import java.time.ZoneId;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Does, while descriptors are free, what would otherwise first happen in the middle of an EMFILE
 * storm and need a descriptor then (Netty issue 1328).
 *
 * <p><b>What kills stage 1.</b> Measured here with {@code prlimit --nofile=100} and 1,000 held
 * connections: the first failed accept reaches Netty's {@code ServerBootstrapAcceptor}, which
 * passes the error on to the end of the pipeline, which logs a warning through
 * {@code java.util.logging}. Its {@code SimpleFormatter} asks for {@code ZoneId.systemDefault()},
 * whose first use reads the time-zone rules from {@code lib/tzdb.dat}: no descriptor, so
 * {@code ZoneRulesProvider} fails to initialise, for good. The event loop's own "unexpected
 * exception" warning then fails the same way and the loop thread dies: the process stays up,
 * at 0% CPU, never accepting again. Every stage therefore runs this at startup ({@link HttpStage});
 * the hardened stage also never lets accept errors reach Netty's logging at all.
 *
 * <pre>{@code
 * ErrorPathPreload.run();   // at startup: time-zone rules and the log formatter are in memory now
 * }</pre>
 *
 * The rest of the hardened stage's error path prepares itself where it is built (its accept log,
 * spare descriptor and tasks). Classes of the server's own jar need no new
 * descriptor: the class loader keeps the one jar open (a classpath of several jars opens each
 * lazily, which is another way to wedge, and why the stages run as one shaded jar).
 */
public final class ErrorPathPreload {

    private ErrorPathPreload() {
    }

    /** Loads the time-zone rules (read once from a file, then kept in memory) and java.util.logging's formatter. */
    public static void run() {
        ZoneId.systemDefault().getRules();
        new SimpleFormatter().format(new LogRecord(Level.WARNING, "warm-up"));
    }
}
