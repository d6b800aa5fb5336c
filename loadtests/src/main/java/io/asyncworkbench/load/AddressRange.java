package io.asyncworkbench.load;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses {@code --source-addresses}: the local addresses outgoing connections are bound to,
 * round-robin. Each address has its own range of ephemeral ports, so eight addresses carry eight
 * times the connections per second before TIME_WAIT exhausts them (the cure the Q&A thread on
 * ephemeral ports points at).
 *
 * <p>The text is a comma-separated list of IPv4 addresses and inclusive ranges:
 * {@code 127.0.0.2-127.0.0.9} is eight addresses, {@code 127.0.0.2,127.0.0.5-127.0.0.6} three.
 * On Linux all of 127.0.0.0/8 is local, so these work without any setup.
 */
public final class AddressRange {

    /** More addresses than this is surely a typo (a /16 is 65,536). */
    static final int MAX_ADDRESSES = 65_536;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private AddressRange() {
    }

    /**
     * The addresses {@code text} names, in order.
     *
     * @throws IllegalArgumentException with a message fit for a user
     */
    public static List<InetAddress> parse(String text) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String item : text.split(",")) {
            String trimmed = item.trim();
            int dash = trimmed.indexOf('-');
            long first = toLong(dash < 0 ? trimmed : trimmed.substring(0, dash));
            long last = dash < 0 ? first : toLong(trimmed.substring(dash + 1));
            if (last < first) {
                throw new IllegalArgumentException("'" + trimmed + "' is an empty range: the first address is above the last");
            }
            if (addresses.size() + (last - first + 1) > MAX_ADDRESSES) {
                throw new IllegalArgumentException("'" + text + "' names more than " + MAX_ADDRESSES + " addresses");
            }
            for (long a = first; a <= last; a++) {
                addresses.add(fromLong(a));
            }
        }
        return List.copyOf(addresses);
    }

    private static long toLong(String address) {
        String a = address.trim();
        if (!IPV4.matcher(a).matches()) {
            throw new IllegalArgumentException("'" + a + "' is not an IPv4 address (expected e.g. 127.0.0.2-127.0.0.9)");
        }
        long value = 0;
        for (String octet : a.split("\\.")) {
            int o = Integer.parseInt(octet);
            if (o > 255) {
                throw new IllegalArgumentException("'" + a + "' is not an IPv4 address: " + o + " is above 255");
            }
            value = value << 8 | o;
        }
        return value;
    }

    private static InetAddress fromLong(long value) {
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return Inet4Address.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // never: four bytes are always a valid address
        }
    }
}
