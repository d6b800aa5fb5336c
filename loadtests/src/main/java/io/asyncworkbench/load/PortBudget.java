package io.asyncworkbench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How many new connections per second the local ephemeral ports sustain: the size of the local
 * port range, times the source addresses, divided by the 60 s a closed connection holds its
 * port in TIME_WAIT. With Linux's default range 32768-60999 and one source address that is
 * 28,232 / 60, about 470 connections per second; the Q&A thread's siege run (~800/s for 20 s)
 * ran out exactly this way.
 *
 * <p>The estimate is the worst case. TIME_WAIT stays with the side that closes first, and this
 * generator lets the server close a {@code Connection: close} exchange; Linux also reuses
 * TIME_WAIT ports for loopback connections when {@code net.ipv4.tcp_tw_reuse} is 2 (its
 * default). Both can hide the limit on one machine that a real client would hit. (The kernel's
 * TIME_WAIT length is fixed at 60 s; {@code tcp_fin_timeout} governs FIN_WAIT_2, not it.)
 */
public record PortBudget(int localPorts, int sourceAddresses, int timeWaitSeconds, String twReuse) {

    /** Linux's TCP_TIMEWAIT_LEN. */
    public static final int TIME_WAIT_SECONDS = 60;

    private static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Path TW_REUSE = Path.of("/proc/sys/net/ipv4/tcp_tw_reuse");
    private static final int LINUX_DEFAULT_PORTS = 60999 - 32768 + 1;

    /** The budget of this machine for {@code sourceAddresses} addresses (Linux's defaults where /proc is unreadable). */
    public static PortBudget ofThisMachine(int sourceAddresses) {
        int ports = LINUX_DEFAULT_PORTS;
        try {
            ports = read(PORT_RANGE).map(PortBudget::rangeSize).orElse(LINUX_DEFAULT_PORTS);
        } catch (IllegalArgumentException unexpectedFormat) {
            // Keep Linux's default.
        }
        return new PortBudget(ports, sourceAddresses, TIME_WAIT_SECONDS, read(TW_REUSE).orElse("unknown"));
    }

    /** The number of ports in {@code ip_local_port_range} text such as {@code "32768\t60999"}. */
    public static int rangeSize(String text) {
        String[] bounds = text.trim().split("\\s+");
        if (bounds.length != 2) {
            throw new IllegalArgumentException("not a port range: '" + text + "'");
        }
        return Math.max(0, Integer.parseInt(bounds[1]) - Integer.parseInt(bounds[0]) + 1);
    }

    /** New connections per second these ports sustain. */
    public double connectionsPerSecond() {
        return (double) localPorts * sourceAddresses / timeWaitSeconds;
    }

    /** A warning when {@code plannedPerSecond} new connections per second exceed the budget. */
    public Optional<String> warning(double plannedPerSecond) {
        if (plannedPerSecond <= connectionsPerSecond()) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                "%,.0f new connections/s exceed the ephemeral port budget of ~%,.0f/s (%,d local ports x %d source address%s"
                        + " / %d s TIME_WAIT): a client that closes first runs out of ports and gets 'no ephemeral port';"
                        + " spread the load with --source-addresses 127.0.0.2-127.0.0.9 (tcp_tw_reuse=%s may hide this on loopback)",
                plannedPerSecond, connectionsPerSecond(), localPorts, sourceAddresses, sourceAddresses == 1 ? "" : "es",
                timeWaitSeconds, twReuse));
    }

    private static Optional<String> read(Path path) {
        // Not Files.readString: /proc files report size 0, and it may then return a single byte.
        try (InputStream in = Files.newInputStream(path)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
