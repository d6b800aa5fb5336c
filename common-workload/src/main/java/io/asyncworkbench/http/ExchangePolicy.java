package io.asyncworkbench.http;

import io.asyncworkbench.http.RequestHead.Field;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The HTTP/1.1 rules every server here keeps, once, whatever decodes its requests (Netty's codec in
 * the Netty stages and the blocking server, Vert.x in its editions): from a request's head it
 * decides the status of a request that must be refused, whether the connection stays open,
 * whether a {@code 100 Continue} goes first and whether the response carries a body.
 *
 * <table>
 *   <caption>Requests refused, in the order checked; each answer closes the connection</caption>
 *   <tr><th>request</th><th>status</th><th>rule</th></tr>
 *   <tr><td>a major version other than 1 ({@code HTTP/7.1})</td><td>505</td><td>RFC 9110 §6.2, RFC 9112 §2.3</td></tr>
 *   <tr><td>{@code Transfer-Encoding} in HTTP/1.0, with {@code Content-Length}, or not ending in {@code chunked}</td><td>400</td><td>RFC 9112 §6.1, §6.3</td></tr>
 *   <tr><td>a transfer coding other than {@code chunked} ({@code gzip, chunked})</td><td>501</td><td>RFC 9112 §6.1</td></tr>
 *   <tr><td>{@code Content-Length} repeated, a list, or not digits</td><td>400</td><td>RFC 9110 §8.6, RFC 9112 §6.3</td></tr>
 *   <tr><td>a declared body over {@code --max-body-size}</td><td>413</td><td>RFC 9110 §15.5.14</td></tr>
 *   <tr><td>HTTP/1.1 without {@code Host}; two {@code Host} fields; an invalid one</td><td>400</td><td>RFC 9112 §3.2</td></tr>
 *   <tr><td>a target of no valid form, {@code *} but for OPTIONS, {@code host:port} but for CONNECT</td><td>400</td><td>RFC 9112 §3.2</td></tr>
 *   <tr><td>{@code CONNECT}</td><td>405</td><td>RFC 9110 §9.3.6 (this server is no proxy)</td></tr>
 *   <tr><td>a method no RFC defines ({@code BREW})</td><td>501</td><td>RFC 9110 §9.1</td></tr>
 *   <tr><td>an {@code Expect} other than {@code 100-continue}</td><td>417</td><td>RFC 9110 §10.1.1</td></tr>
 * </table>
 *
 * A request that passes is routed by {@link Router}: {@code GET} and {@code HEAD} (RFC 9110 §9.1
 * requires both of an origin server) and {@code OPTIONS}; any other method gets 405 with
 * {@code Allow: GET, HEAD, OPTIONS}. Responses always say {@code HTTP/1.1}, never the version
 * received. What the grammar decides (a bad header name, a bare CR, a NUL, a malformed chunk) is
 * the decoder's: it fails the request and the server answers 400 ({@link NettyRequestHead#rejection}).
 */
public final class ExchangePolicy {

    /** The methods every resource here answers. */
    public static final String ALLOW = "GET, HEAD, OPTIONS";

    private static final Set<String> DEFINED_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    private static final int MAX_LENGTH_DIGITS = 18;

    private ExchangePolicy() {
    }

    /** The verdict on {@code head}: refuse it (a status, then close) or serve it (and how). */
    public static Verdict decide(RequestHead head, long maxBodyBytes) {
        // Version: RFC 9110 §6.2, RFC 9112 §2.3.
        if (head.majorVersion() != 1) {
            return Verdict.VERSION_NOT_SUPPORTED;
        }
        boolean http10 = head.minorVersion() == 0;
        // Message body length: RFC 9112 §6.
        List<String> codings = head.values(Field.TRANSFER_ENCODING);
        List<String> lengths = head.values(Field.CONTENT_LENGTH);
        Verdict framing = !codings.isEmpty() ? checkCodings(codings, lengths, http10) : checkLength(lengths, maxBodyBytes);
        if (framing != null) {
            return framing;
        }
        // Host: RFC 9112 §3.2.
        List<String> hosts = head.values(Field.HOST);
        if (hosts.size() > 1 || hosts.isEmpty() && !http10 || hosts.size() == 1 && !RequestSyntax.isHostAndPort(hosts.get(0).trim())) {
            return Verdict.reject(400, hosts.isEmpty() ? "bad request: no Host field" : "bad request: one valid Host field is required");
        }
        // Target and method: RFC 9112 §3.2, RFC 9110 §9.
        Verdict target = checkTarget(head.method(), RequestSyntax.form(head.target()));
        if (target != null) {
            return target;
        }
        // Expect: RFC 9110 §10.1.1 (an HTTP/1.0 request's is ignored).
        List<String> expect = head.values(Field.EXPECT);
        boolean body = !codings.isEmpty() || !lengths.isEmpty() && !lengths.get(0).trim().equals("0");
        if (!expect.isEmpty() && !http10 && (expect.size() > 1 || !expect.get(0).trim().equalsIgnoreCase("100-continue"))) {
            return Verdict.reject(417, "expectation failed: only 100-continue is understood");
        }
        return Verdict.serve(keepAlive(head.values(Field.CONNECTION), http10), http10, "HEAD".equals(head.method()),
                body && !expect.isEmpty() && !http10);
    }

    /** The {@code Allow} field a response needs: with 405, and with the 200 that answers OPTIONS; else null. */
    public static String allowFor(int status, String method) {
        return status == 405 || status == 200 && "OPTIONS".equals(method) ? ALLOW : null;
    }

    /** RFC 9112 §9.3: HTTP/1.1 stays open unless {@code close} is asked; HTTP/1.0 only if {@code keep-alive} is. */
    static boolean keepAlive(List<String> connection, boolean http10) {
        boolean close = false;
        boolean keepAlive = false;
        for (String token : tokens(connection)) {
            close |= token.equals("close");
            keepAlive |= token.equals("keep-alive");
        }
        return !close && (!http10 || keepAlive);
    }

    private static Verdict checkCodings(List<String> codings, List<String> lengths, boolean http10) {
        if (http10 || !lengths.isEmpty()) {
            return Verdict.reject(400, "bad request: Transfer-Encoding " + (http10 ? "in an HTTP/1.0 request" : "with Content-Length"));
        }
        List<String> tokens = tokens(codings);
        if (tokens.isEmpty() || !tokens.get(tokens.size() - 1).equals("chunked") || tokens.indexOf("chunked") != tokens.size() - 1) {
            return Verdict.reject(400, "bad request: the body's length is unknown (chunked must be the last coding, once)");
        }
        return tokens.size() > 1 ? Verdict.reject(501, "transfer coding not implemented: " + tokens.get(0)) : null;
    }

    private static Verdict checkLength(List<String> lengths, long maxBodyBytes) {
        if (lengths.isEmpty()) {
            return null;
        }
        String value = lengths.get(0).trim();
        if (lengths.size() > 1 || value.isEmpty() || value.length() > MAX_LENGTH_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Verdict.reject(400, "bad request: one Content-Length of digits is required");
        }
        return Long.parseLong(value) > maxBodyBytes ? Verdict.BODY_TOO_LARGE : null;
    }

    private static Verdict checkTarget(String method, RequestSyntax.Form form) {
        if (form == RequestSyntax.Form.INVALID || form == RequestSyntax.Form.ASTERISK && !method.equals("OPTIONS")
                || form == RequestSyntax.Form.AUTHORITY && !method.equals("CONNECT")) {
            return Verdict.reject(400, "bad request: invalid request-target");
        }
        if (method.equals("CONNECT")) {
            return Verdict.reject(405, "method not allowed: this server is not a proxy");
        }
        return DEFINED_METHODS.contains(method) ? null : Verdict.reject(501, "method not implemented: " + method);
    }

    /** The elements of a comma-separated list field, trimmed and lower-cased, empty ones dropped. */
    private static List<String> tokens(List<String> values) {
        if (values.isEmpty()) {
            return values;
        }
        return values.stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(t -> t.trim().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).toList();
    }
}
