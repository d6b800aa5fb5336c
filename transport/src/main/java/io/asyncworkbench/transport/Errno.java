package io.asyncworkbench.transport;

import io.netty.channel.unix.Errors;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * The errnos the workbench tells apart: one table, read by the servers' accept loops and by the
 * load generator. Each row holds the Linux number (the same on x86-64 and arm64) and the text an
 * exception carries for it, the C library's {@code strerror()} first.
 *
 * <p><b>Where the errno comes from.</b> Netty's native transports (epoll, io_uring) throw
 * {@link Errors.NativeIoException}, whose {@code expectedErr()} is the negated errno: exact. Java
 * NIO and {@code java.net} keep only the message, the {@code strerror()} text or the JDK's own
 * ("Connection reset"); so do Netty's failed connects (their exception keeps its errno private,
 * and is rebuilt to name the remote address). Their errno is recognised by that text, ignoring
 * case; where two texts match, the longer wins ({@code EMFILE}'s is the start of {@code ENFILE}'s).
 * That is the best they allow, and an unknown text gives no errno at all.
 *
 * <pre>{@code
 * Errno.of(new Errors.NativeIoException("accept", -24))                    // EMFILE, by number
 * Errno.of(new IOException("Too many open files"))                          // EMFILE, by text (NIO)
 * Errno.of(new ConnectException("connect(..) failed: Connection refused: /127.0.0.1:9"))  // ECONNREFUSED
 * Errno.of(new IOException("Operation not supported"))                      // null: not in the table
 * }</pre>
 *
 * <p>What an errno means depends on who met it: an accept loop pauses on {@code EMFILE}, the
 * generator counts it as "local fd limit". So each side sorts errnos into its own classes with one
 * exhaustive {@code switch} ({@code AcceptErrorClassifier.category}, {@code ErrorClass.of}): a row
 * added here does not compile until both have placed it.
 */
public enum Errno {
    //  number  strerror() text, then other spellings
    EPERM(1, "Operation not permitted"),
    ENOMEM(12, "Cannot allocate memory"),
    ENFILE(23, "Too many open files in system"),
    EMFILE(24, "Too many open files"),
    EPIPE(32, "Broken pipe"),
    EPROTO(71, "Protocol error"),
    EADDRNOTAVAIL(99, "Cannot assign requested address", "Address not available"),
    ECONNABORTED(103, "Software caused connection abort"),
    ECONNRESET(104, "Connection reset by peer", "Connection reset"),
    ENOBUFS(105, "No buffer space available"),
    ETIMEDOUT(110, "Connection timed out"),
    ECONNREFUSED(111, "Connection refused");

    private static final Errno[] ERRNOS = values();

    private final int number;
    private final String text;
    private final String[] lowerCaseTexts;

    Errno(int number, String... texts) {
        this.number = number;
        this.text = texts[0];
        this.lowerCaseTexts = new String[texts.length];
        for (int i = 0; i < texts.length; i++) {
            lowerCaseTexts[i] = texts[i].toLowerCase(Locale.ROOT);
        }
    }

    public int number() {
        return number;
    }

    /** glibc's {@code strerror()} text. */
    public String text() {
        return text;
    }

    /**
     * The errno {@code failure} itself carries (not its causes): by number from a native
     * transport, else by the text of its message; null when it carries none of the table's.
     */
    public static Errno of(Throwable failure) {
        OptionalInt number = number(failure);
        return number.isPresent() ? byNumber(number.getAsInt()) : inMessage(failure.getMessage());
    }

    /** The errno a native transport read ({@code NativeIoException}), listed or not; empty for any other exception. */
    public static OptionalInt number(Throwable failure) {
        return failure instanceof Errors.NativeIoException nativeError ? OptionalInt.of(-nativeError.expectedErr()) : OptionalInt.empty();
    }

    /** The errno of Linux number {@code number}, or null when the table does not list it. */
    public static Errno byNumber(int number) {
        for (Errno errno : ERRNOS) {
            if (errno.number == number) {
                return errno;
            }
        }
        return null;
    }

    /** The errno whose text {@code message} contains (ignoring case; the longest text wins), or null. */
    public static Errno inMessage(String message) {
        if (message == null) {
            return null;
        }
        String m = message.toLowerCase(Locale.ROOT);
        Errno found = null;
        int foundLength = 0;
        for (Errno errno : ERRNOS) {
            for (String text : errno.lowerCaseTexts) {
                if (text.length() > foundLength && m.contains(text)) {
                    found = errno;
                    foundLength = text.length();
                }
            }
        }
        return found;
    }
}
