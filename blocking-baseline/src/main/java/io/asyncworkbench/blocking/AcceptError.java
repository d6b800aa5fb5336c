package io.asyncworkbench.blocking;

import java.io.IOException;

/**
 * What a failed {@code ServerSocket.accept()} means, and what the accept loop does about it, as
 * the accept-loop chapter classifies them: a <b>per-connection</b> error (the peer gave up while
 * its connection waited in the queue) is skipped and the next connection accepted at once; a
 * <b>resource shortage</b> pauses accepting, because accepting again right away fails again and
 * spins a core.
 *
 * <p>{@code java.net} does not expose the errno, only its text: on Linux the JDK's
 * {@code IOException} message is {@code strerror(errno)}, so {@code EMFILE} arrives as
 * {@code "Too many open files"}. The JDK already retries {@code ECONNABORTED} inside
 * {@code accept}, so per-connection errors are rare here; an error this table does not know is
 * {@link #OTHER} and pauses too (never spin, never crash).
 *
 * <pre>{@code
 * AcceptError.classify(new IOException("Too many open files"))   // EMFILE, Action.PAUSE
 * AcceptError.classify(new IOException("Protocol error"))        // EPROTO, Action.SKIP
 * }</pre>
 */
enum AcceptError {
    EMFILE("Too many open files", Action.PAUSE, "raise the per-process open file limit (ulimit -n)"),
    ENFILE("Too many open files in system", Action.PAUSE, "raise the system-wide file limit (sysctl fs.file-max)"),
    ENOBUFS("No buffer space available", Action.PAUSE, "the kernel is short of socket memory"),
    ENOMEM("Cannot allocate memory", Action.PAUSE, "the kernel is short of memory"),
    ECONNABORTED("Software caused connection abort", Action.SKIP, ""),
    ECONNRESET("Connection reset", Action.SKIP, ""),
    EPROTO("Protocol error", Action.SKIP, ""),
    EPERM("Operation not permitted", Action.SKIP, "a firewall rule refused the connection"),
    OTHER(null, Action.PAUSE, "an accept error this server does not know");

    /** Skip to the next connection at once, or pause accepting. */
    enum Action { SKIP, PAUSE }

    private final String message;
    private final Action action;
    private final String hint;

    AcceptError(String message, Action action, String hint) {
        this.message = message;
        this.action = action;
        this.hint = hint;
    }

    Action action() {
        return action;
    }

    /** A hint for operators, e.g. which limit to raise; empty where there is nothing to do. */
    String hint() {
        return hint;
    }

    /** The kind of {@code error}, from its message (the errno's text); {@link #OTHER} when unknown. */
    static AcceptError classify(IOException error) {
        String text = error.getMessage() == null ? "" : error.getMessage().strip();
        for (AcceptError kind : values()) {
            // "Connection reset" also covers glibc's "Connection reset by peer".
            if (kind.message != null && (text.equals(kind.message) || text.equals(kind.message + " by peer"))) {
                return kind;
            }
        }
        return OTHER;
    }
}
