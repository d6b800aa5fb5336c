package io.asyncworkbench.load;

import io.asyncworkbench.transport.Errno;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.PrematureChannelClosureException;

import java.nio.channels.ClosedChannelException;

/**
 * Why a request failed, each class with a one-line hint for the person reading the summary, as
 * the accept-loop chapter's {@code error_hint} explains an accept error to its user.
 *
 * <p>{@link #of(Throwable)} reads the exception and its causes: by type first (Netty's connect
 * timeout, a channel closed early), then by the errno it carries, read by {@link Errno}, the
 * table the servers' accept loops read too: exact from Netty's native transports, by the
 * operating system's message from Java NIO ({@code Connection refused}) and from the exceptions
 * Netty rebuilds to name the address ({@code connect(..) failed: Connection refused: /127.0.0.1:9}).
 * An exhausted local port range is {@code EADDRNOTAVAIL}, {@code Cannot assign requested address}.
 * HTTP statuses are not errors of this kind; {@link #statusHint(int)} explains those.
 */
public enum ErrorClass {
    REFUSED("refused",
            "nothing listens on that address and port, or its listen backlog overflowed: check --url and that the server is up"),
    CONNECT_TIMEOUT("connect timeout",
            "the connection was not accepted within --timeout: the server's accept queue is full or packets are dropped"),
    RESET("reset",
            "the server reset the connection (RST): it crashed, hit a connection limit, or closed with unread data"),
    CLOSED("closed early",
            "the server closed the connection before answering: it hit a limit or does not keep connections alive"),
    READ_TIMEOUT("read timeout",
            "no complete response within --timeout: the server stalls or is overloaded; the corrected latency shows the backlog"),
    NO_FREE_CONNECTION("no free connection",
            "waited longer than --timeout for a connection: all --max-connections were busy; raise it or lower --rate"),
    NO_EPHEMERAL_PORT("no ephemeral port",
            "EADDRNOTAVAIL: no local port left (TIME_WAIT holds them 60 s); add --source-addresses 127.0.0.2-127.0.0.9 or widen net.ipv4.ip_local_port_range"),
    FD_LIMIT("local fd limit",
            "EMFILE: this process ran out of file descriptors; raise `ulimit -n` or lower --max-connections"),
    OTHER("other",
            "an unexpected I/O error; rerun with -Dworkbench.debug=true to see it");

    private final String label;
    private final String hint;

    ErrorClass(String label, String hint) {
        this.label = label;
        this.hint = hint;
    }

    /** The name shown in the summary and used as the key in the JSON summary: {@code refused}, {@code read timeout}. */
    public String label() {
        return label;
    }

    /** One line that says what probably happened and what to do. */
    public String hint() {
        return hint;
    }

    /** Classifies a failure of a connection or of a request on it. */
    public static ErrorClass of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            ErrorClass byType = byType(t);
            if (byType != null) {
                return byType;
            }
            Errno errno = Errno.of(t);
            if (errno != null) {
                return of(errno);
            }
        }
        return OTHER;
    }

    private static ErrorClass byType(Throwable t) {
        if (t instanceof ConnectTimeoutException) {
            return CONNECT_TIMEOUT;
        }
        if (t instanceof PrematureChannelClosureException || t instanceof ClosedChannelException) {
            return CLOSED;
        }
        return null;
    }

    /** The class of a failure that carried {@code errno}. */
    static ErrorClass of(Errno errno) {
        return switch (errno) {
            case ECONNREFUSED -> REFUSED;
            case ETIMEDOUT -> CONNECT_TIMEOUT;
            case ECONNRESET, EPIPE -> RESET;
            case EADDRNOTAVAIL -> NO_EPHEMERAL_PORT;
            case EMFILE, ENFILE -> FD_LIMIT;
            case EPERM, ENOMEM, EPROTO, ECONNABORTED, ENOBUFS -> OTHER;
        };
    }

    /** A one-line explanation of a non-2xx status. */
    public static String statusHint(int status) {
        return switch (status) {
            case 404 -> "no such path on the server: check --url";
            case 405 -> "the server does not allow this method here: check --method";
            case 429 -> "the server rate-limits this client";
            case 503 -> "the server is overloaded or shedding load";
            default -> status >= 500 ? "the server failed to handle the request"
                    : status >= 400 ? "the server rejected the request: check --url, --method and --header"
                    : status >= 300 ? "a redirect: the generator does not follow redirects, point --url at the final location"
                    : "an unusual status for a load test";
        };
    }
}
