package io.asyncworkbench.server;

import io.netty.channel.unix.Errors;

import java.io.IOException;

/**
 * Sorts an error from {@code accept()} into what the accept loop should do about it, as the
 * accept-loop chapter does:
 *
 * <ul>
 *   <li>{@link Category#PER_CONNECTION}: one pending connection failed (its peer already gave up):
 *       {@code ECONNABORTED}, {@code ECONNRESET}, {@code ECONNREFUSED}, {@code EPROTO}, and
 *       {@code EPERM} (Linux: a firewall rule refused it). Count it and accept the next connection at once.</li>
 *   <li>{@link Category#RESOURCE_SHORTAGE}: the process or the system ran out of something:
 *       {@code EMFILE}, {@code ENFILE}, {@code ENOBUFS}, {@code ENOMEM}. Accepting again right away
 *       would fail the same way (and spin): pause, and tell the operator.</li>
 *   <li>{@link Category#OTHER}: anything else; pause as well, never spin.</li>
 * </ul>
 *
 * <p><b>Where the errno comes from.</b> The native transports (epoll, io_uring) throw
 * {@link Errors.NativeIoException}, whose {@code expectedErr()} is the negated errno: exact.
 * Java NIO and {@code java.net} throw a plain {@link IOException} whose message is the C
 * library's {@code strerror()} text (or the JDK's own, "Connection reset"; their native
 * {@code accept} also retries {@code ECONNABORTED} itself, so that one never reaches us): the
 * classifier matches the end of the message against those English texts. That is the best they
 * allow, and it fails safe: a message it does not know is {@code OTHER}, which pauses. The
 * Netty stages and the blocking baseline share this one table.
 *
 * <pre>{@code
 * classify(new Errors.NativeIoException("accept", -24))  // EMFILE, RESOURCE_SHORTAGE
 * classify(new IOException("Too many open files"))       // EMFILE, RESOURCE_SHORTAGE (NIO)
 * classify(new IOException("Connection reset by peer"))  // ECONNRESET, PER_CONNECTION
 * }</pre>
 */
public final class AcceptErrorClassifier {

    /** What the accept loop does about an error. */
    public enum Category { PER_CONNECTION, RESOURCE_SHORTAGE, OTHER }

    /**
     * The errnos the chapter names, with their Linux numbers (the same on x86-64 and arm64), the
     * texts an {@link IOException} carries for them, and a hint for the operator (empty where there
     * is nothing to do). {@code EMFILE}'s text is the start of {@code ENFILE}'s, so a message is
     * matched by its end, where the two differ.
     */
    public enum Errno {
        ECONNABORTED(103, Category.PER_CONNECTION, "", "Software caused connection abort"),
        ECONNRESET(104, Category.PER_CONNECTION, "", "Connection reset by peer", "Connection reset"),
        ECONNREFUSED(111, Category.PER_CONNECTION, "", "Connection refused"),
        EPROTO(71, Category.PER_CONNECTION, "", "Protocol error"),
        EPERM(1, Category.PER_CONNECTION, "a firewall rule refused the connection", "Operation not permitted"),
        EMFILE(24, Category.RESOURCE_SHORTAGE, "raise the per-process open file limit (ulimit -n)", "Too many open files"),
        ENFILE(23, Category.RESOURCE_SHORTAGE,
                "the whole system is out of file descriptors: raise fs.file-max (sysctl) or find who holds them",
                "Too many open files in system"),
        ENOBUFS(105, Category.RESOURCE_SHORTAGE, SOCKET_MEMORY, "No buffer space available"),
        ENOMEM(12, Category.RESOURCE_SHORTAGE, SOCKET_MEMORY, "Cannot allocate memory");

        private final int number;
        private final Category category;
        private final String hint;
        private final String[] texts;

        Errno(int number, Category category, String hint, String... texts) {
            this.number = number;
            this.category = category;
            this.hint = hint;
            this.texts = texts;
        }

        public int number() {
            return number;
        }

        /** glibc's {@code strerror()} text. */
        public String text() {
            return texts[0];
        }

        public Category category() {
            return category;
        }

        /** What an operator can do about it; empty where there is nothing to do. */
        public String hint() {
            return hint;
        }

        private boolean matches(String message) {
            for (String text : texts) {
                if (message.endsWith(text)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final String SOCKET_MEMORY = "the kernel is short of memory for sockets: check free memory and net.ipv4.tcp_mem";

    /**
     * One classified error: {@code kind} labels {@code server_accept_errors_total} (an errno name
     * such as {@code EMFILE}, {@code errno95} for an unlisted errno, or the exception's class name),
     * {@code errno} is null when the error had none we could read.
     */
    public record AcceptError(String kind, Errno errno, Category category, String message) {
    }

    private static final Errno[] ERRNOS = Errno.values();

    /** Classifies the error {@code accept()} raised. */
    public AcceptError classify(Throwable cause) {
        String message = String.valueOf(cause.getMessage()).strip();
        if (cause instanceof Errors.NativeIoException nativeError) {
            int number = -nativeError.expectedErr();
            Errno errno = byNumber(number);
            return errno != null ? of(errno, message) : new AcceptError("errno" + number, null, Category.OTHER, message);
        }
        if (cause instanceof IOException) {
            for (Errno errno : ERRNOS) {
                if (errno.matches(message)) {
                    return of(errno, message);
                }
            }
        }
        return new AcceptError(cause.getClass().getSimpleName(), null, Category.OTHER, message);
    }

    /** The category of errno {@code number} (Linux numbering). */
    public Category classify(int number) {
        Errno errno = byNumber(number);
        return errno == null ? Category.OTHER : errno.category();
    }

    private static Errno byNumber(int number) {
        for (Errno errno : ERRNOS) {
            if (errno.number == number) {
                return errno;
            }
        }
        return null;
    }

    private static AcceptError of(Errno errno, String message) {
        return new AcceptError(errno.name(), errno, errno.category(), message);
    }
}
