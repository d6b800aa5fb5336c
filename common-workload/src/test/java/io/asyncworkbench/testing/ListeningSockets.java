package io.asyncworkbench.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The listening sockets on a port, read from the kernel's tables (Linux), for the stages whose idea
 * is how many there are: with {@code SO_REUSEPORT} one per event loop, without it one in all.
 *
 * <pre>{@code
 * assertEquals(2, ListeningSockets.count(server.port()));   // --threads 2, one socket each
 * }</pre>
 *
 * A line of {@code /proc/net/tcp} names the local address as {@code 0100007F:1F90} (port 8080 in
 * hex) and the state as {@code 0A} for LISTEN. Elsewhere than Linux the test is skipped.
 */
public final class ListeningSockets {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Sockets in state LISTEN on {@code port}, IPv4 and IPv6. */
    public static long count(int port) throws IOException {
        assumeTrue(Files.isReadable(TABLES.get(0)), "needs Linux's /proc/net/tcp");
        String local = String.format(Locale.ROOT, ":%04X", port);
        long count = 0;
        for (Path table : TABLES) {
            count += !Files.isReadable(table) ? 0 : Files.readAllLines(table).stream().skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    .filter(f -> f[1].endsWith(local) && f[3].equals(LISTEN))
                    .count();
        }
        return count;
    }
}
