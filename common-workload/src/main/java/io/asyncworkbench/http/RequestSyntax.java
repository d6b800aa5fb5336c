package io.asyncworkbench.http;

/**
 * The grammar of a request-target (RFC 9112 §3.2) and of a Host field value (RFC 9110 §7.2,
 * RFC 3986 §3.2.2), for {@link ExchangePolicy}. Netty's decoder splits the request line on
 * whitespace and takes the target as it comes: {@code /da"ta}, {@code data} or {@code /x#frag}
 * all reach the handler, and only this class tells a valid target from one that is not.
 *
 * <pre>
 * origin-form    /data?user=7             path /data
 * absolute-form  http://example.com/data  path /data (and the Host field is ignored for routing)
 * asterisk-form  *                        OPTIONS only
 * authority-form example.com:443          CONNECT only
 * </pre>
 */
final class RequestSyntax {

    /** The four forms of RFC 9112 §3.2, and anything else. */
    enum Form { ORIGIN, ABSOLUTE, AUTHORITY, ASTERISK, INVALID }

    private static final boolean[] UNRESERVED_OR_SUB_DELIM = table("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=");
    private static final boolean[] PATH_OR_QUERY = table("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?");

    private RequestSyntax() {
    }

    /** Which form {@code target} has; {@link Form#INVALID} for a character or shape no form allows. */
    static Form form(String target) {
        if (target.equals("*")) {
            return Form.ASTERISK;
        }
        if (target.startsWith("/")) {
            return isPathAndQuery(target, 0) ? Form.ORIGIN : Form.INVALID;
        }
        int authority = schemeEnd(target);
        if (authority > 0) {
            int pathStart = pathStart(target, authority);
            boolean valid = isHostAndPort(target.substring(authority, pathStart))
                    && (pathStart == target.length() || isPathAndQuery(target, pathStart));
            return valid ? Form.ABSOLUTE : Form.INVALID;
        }
        return isHostAndPort(target) && !target.isEmpty() ? Form.AUTHORITY : Form.INVALID;
    }

    /** The path to route on, without the query: {@code /data} for {@code /data?x} and {@code http://h/data}. */
    static String path(String target) {
        int start = 0;
        // Origin form, nearly every request: no scheme to look for (a case-blind compare costs 4% of stage 1's CPU).
        int authority = target.startsWith("/") ? -1 : schemeEnd(target);
        if (authority > 0) {
            start = pathStart(target, authority);
            if (start == target.length() || target.charAt(start) == '?') {
                return "/";
            }
        }
        int query = target.indexOf('?', start);
        return target.substring(start, query < 0 ? target.length() : query);
    }

    /** {@code uri-host [ ":" port ]}: a name, an IPv4 address or a bracketed IPv6 one, and digits. Empty is valid. */
    static boolean isHostAndPort(String value) {
        int portColon;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 2 || !value.substring(1, close).chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return false;
            }
            portColon = close + 1;
            if (portColon < value.length() && value.charAt(portColon) != ':') {
                return false;
            }
        } else {
            portColon = value.indexOf(':');
            if (!isRegName(value, portColon < 0 ? value.length() : portColon)) {
                return false;
            }
        }
        for (int i = portColon + 1; portColon >= 0 && i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isRegName(String value, int end) {
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c == '%' ? !isPercentEncoded(value, i, end) : !allowed(UNRESERVED_OR_SUB_DELIM, c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPathAndQuery(String target, int start) {
        if (target.charAt(start) != '/' && target.charAt(start) != '?') {
            return false;
        }
        for (int i = start; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%' ? !isPercentEncoded(target, i, target.length()) : !allowed(PATH_OR_QUERY, c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPercentEncoded(String s, int percent, int end) {
        return percent + 2 < end
                && Character.digit(s.charAt(percent + 1), 16) >= 0 && Character.digit(s.charAt(percent + 2), 16) >= 0;
    }

    /** The index after {@code http://} or {@code https://} (any case), or -1. */
    private static int schemeEnd(String target) {
        return target.regionMatches(true, 0, "http://", 0, 7) ? 7 : target.regionMatches(true, 0, "https://", 0, 8) ? 8 : -1;
    }

    private static int pathStart(String target, int authority) {
        for (int i = authority; i < target.length(); i++) {
            if (target.charAt(i) == '/' || target.charAt(i) == '?') {
                return i;
            }
        }
        return target.length();
    }

    private static boolean allowed(boolean[] table, char c) {
        return c < 128 && table[c];
    }

    private static boolean[] table(String chars) {
        boolean[] table = new boolean[128];
        chars.chars().forEach(c -> table[c] = true);
        return table;
    }
}
