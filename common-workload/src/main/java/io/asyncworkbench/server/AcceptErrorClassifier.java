package io.asyncworkbench.server;

import io.asyncworkbench.transport.Errno;

import java.io.IOException;
import java.util.OptionalInt;

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
 * <p>Which errno an error carries is read by {@link Errno}, the one table the load generator reads
 * too: exact from the native transports, by the {@code strerror()} text of an {@link IOException}
 * from Java NIO and {@code java.net} (whose native {@code accept} also retries
 * {@code ECONNABORTED} itself, so that one never reaches us). It fails safe: an error it does not
 * know is {@code OTHER}, which pauses. The Netty stages and the blocking baseline share this class.
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

    private static final String SOCKET_MEMORY = "the kernel is short of memory for sockets: check free memory and net.ipv4.tcp_mem";

    /**
     * One classified error: {@code kind} labels {@code server_accept_errors_total} (an errno name
     * such as {@code EMFILE}, {@code errno95} for an errno the table does not list, or the
     * exception's class name), {@code errno} is null when the error had none we could read.
     */
    public record AcceptError(String kind, Errno errno, Category category, String message) {
    }

    /** Classifies the error {@code accept()} raised; only I/O errors are read for an errno. */
    public AcceptError classify(Throwable cause) {
        String message = String.valueOf(cause.getMessage()).strip();
        Errno errno = cause instanceof IOException ? Errno.of(cause) : null;
        if (errno != null) {
            return new AcceptError(errno.name(), errno, category(errno), message);
        }
        OptionalInt unlisted = Errno.number(cause);
        String kind = unlisted.isPresent() ? "errno" + unlisted.getAsInt() : cause.getClass().getSimpleName();
        return new AcceptError(kind, null, Category.OTHER, message);
    }

    /** The category of errno {@code number} (Linux numbering). */
    public Category classify(int number) {
        Errno errno = Errno.byNumber(number);
        return errno == null ? Category.OTHER : category(errno);
    }

    /** What the accept loop does about {@code errno}. */
    public static Category category(Errno errno) {
        return switch (errno) {
            case ECONNABORTED, ECONNRESET, ECONNREFUSED, EPROTO, EPERM -> Category.PER_CONNECTION;
            case EMFILE, ENFILE, ENOBUFS, ENOMEM -> Category.RESOURCE_SHORTAGE;
            // A connection's errors, which accept() does not raise: the generator meets them.
            case EPIPE, EADDRNOTAVAIL, ETIMEDOUT -> Category.OTHER;
        };
    }

    /** What an operator can do about {@code errno} when accept() raises it; empty where there is nothing to do. */
    public static String hint(Errno errno) {
        return switch (errno) {
            case EPERM -> "a firewall rule refused the connection";
            case EMFILE -> "raise the per-process open file limit (ulimit -n)";
            case ENFILE -> "the whole system is out of file descriptors: raise fs.file-max (sysctl) or find who holds them";
            case ENOBUFS, ENOMEM -> SOCKET_MEMORY;
            case ECONNABORTED, ECONNRESET, ECONNREFUSED, EPROTO, EPIPE, EADDRNOTAVAIL, ETIMEDOUT -> "";
        };
    }
}
