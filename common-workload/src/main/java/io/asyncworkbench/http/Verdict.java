package io.asyncworkbench.http;

/**
 * What {@link ExchangePolicy} decided from a request's head: either answer at once with
 * {@code status} and close ({@link #rejected()}), or serve the request: read its body, route it,
 * and write the response according to the flags.
 *
 * @param status         0 to serve the request; otherwise the status to answer with, then close
 * @param reason         the one-line text body of a rejection, ending in a newline
 * @param keepAlive      the client may send another request on this connection after this one
 * @param http10         the request said {@code HTTP/1.0}: keep-alive must then be said aloud
 * @param headOnly       a {@code HEAD}: the response carries the headers of a {@code GET}, no body
 * @param expectContinue send {@code 100 Continue} before reading the body
 */
public record Verdict(int status, String reason, boolean keepAlive, boolean http10, boolean headOnly, boolean expectContinue) {

    /** A body that declares or grows past {@code --max-body-size}. */
    public static final Verdict BODY_TOO_LARGE = reject(413, "body too large");

    /** A major version other than 1: RFC 9110 §6.2, RFC 9112 §2.3. */
    public static final Verdict VERSION_NOT_SUPPORTED = reject(505, "HTTP version not supported: this server speaks HTTP/1.1");

    // Every verdict that serves, made once: deciding a request allocates none.
    private static final Verdict[] SERVE = new Verdict[16];

    static {
        for (int i = 0; i < SERVE.length; i++) {
            SERVE[i] = new Verdict(0, null, (i & 1) != 0, (i & 2) != 0, (i & 4) != 0, (i & 8) != 0);
        }
    }

    static Verdict serve(boolean keepAlive, boolean http10, boolean headOnly, boolean expectContinue) {
        return SERVE[(keepAlive ? 1 : 0) | (http10 ? 2 : 0) | (headOnly ? 4 : 0) | (expectContinue ? 8 : 0)];
    }

    static Verdict reject(int status, String reason) {
        return new Verdict(status, reason + "\n", false, false, false, false);
    }

    /** True when the request is answered with {@link #status} and the connection closed. */
    public boolean rejected() {
        return status != 0;
    }
}
