package io.asyncworkbench.hardened;

import io.netty.channel.unix.Errors;

import java.io.IOException;

/**
 * Sorts an error from {@code accept()} into what the accept loop should do about it, as the
 * accept-loop chapter does:
 *
 * <ul>
 *   <li>{@link Category#PER_CONNECTION}: one pending connection failed (its peer already gave up):
 *       {@code ECONNABORTED}, {@code ECONNRESET}, {@code ECONNREFUSED}, {@code EPROTO}. Count it and
 *       accept the next connection at once.</li>
 *   <li>{@link Category#RESOURCE_SHORTAGE}: the process or the system ran out of something:
 *       {@code EMFILE}, {@code ENFILE}, {@code ENOBUFS}, {@code ENOMEM}. Accepting again right away
 *       would fail the same way (and spin): pause, and tell the operator.</li>
 *   <li>{@link Category#OTHER}: anything else; pause as well, never spin.</li>
 * </ul>
 *
 * <p><b>Where the errno comes from.</b> The native transports (epoll, io_uring) throw
 * {@link Errors.NativeIoException}, whose {@code expectedErr()} is the negated errno: exact.
 * Java NIO throws a plain {@link IOException} whose message is the C library's
 * {@code strerror()} text (its native {@code accept} also retries {@code ECONNABORTED} itself, so
 * that one never reaches us): the classifier matches the end of the message against glibc's
 * English texts. That is the best NIO allows, and it fails safe: a message it does not know is
 * {@code OTHER}, which pauses.
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
     * The errnos the chapter names, with their Linux numbers (the same on x86-64 and arm64) and
     * glibc's {@code strerror()} text. {@code EMFILE}'s text is the start of {@code ENFILE}'s, so
     * a message is matched by its end, where the two differ.
     */
    public enum Errno {
        ECONNABORTED(103, "Software caused connection abort", Category.PER_CONNECTION),
        ECONNRESET(104, "Connection reset by peer", Category.PER_CONNECTION),
        ECONNREFUSED(111, "Connection refused", Category.PER_CONNECTION),
        EPROTO(71, "Protocol error", Category.PER_CONNECTION),
        EMFILE(24, "Too many open files", Category.RESOURCE_SHORTAGE),
        ENFILE(23, "Too many open files in system", Category.RESOURCE_SHORTAGE),
        ENOBUFS(105, "No buffer space available", Category.RESOURCE_SHORTAGE),
        ENOMEM(12, "Cannot allocate memory", Category.RESOURCE_SHORTAGE);

        private final int number;
        private final String text;
        private final Category category;

        Errno(int number, String text, Category category) {
            this.number = number;
            this.text = text;
            this.category = category;
        }

        public int number() {
            return number;
        }

        public String text() {
            return text;
        }
    }

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
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof Errors.NativeIoException nativeError) {
            int number = -nativeError.expectedErr();
            Errno errno = byNumber(number);
            return errno != null ? of(errno, message) : new AcceptError("errno" + number, null, Category.OTHER, message);
        }
        if (cause instanceof IOException) {
            for (Errno errno : ERRNOS) {
                if (message.endsWith(errno.text)) {
                    return of(errno, message);
                }
            }
        }
        return new AcceptError(cause.getClass().getSimpleName(), null, Category.OTHER, message);
    }

    /** The category of errno {@code number} (Linux numbering). */
    public Category classify(int number) {
        Errno errno = byNumber(number);
        return errno == null ? Category.OTHER : errno.category;
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
        return new AcceptError(errno.name(), errno, errno.category, message);
    }
}
