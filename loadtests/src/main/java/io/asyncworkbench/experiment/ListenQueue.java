package io.asyncworkbench.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How many connections wait in the kernel's accept queue of a listening port: connections the
 * kernel has completed but the server has not yet accepted (Part 3's point: work on the accepting
 * thread leaves them there). Read from {@code /proc/net/tcp} and {@code /proc/net/tcp6}, whose
 * {@code rx_queue} of a socket in state {@code 0A} (LISTEN) is its accept queue's length; with
 * SO_REUSEPORT a port has several listening sockets, and their queues are added.
 *
 * <pre>
 *   sl  local_address rem_address   st tx_queue rx_queue ...
 *    0: 0100007F:1F90 00000000:0000 0A 00000000:0000002A ...   port 8080, LISTEN, 42 waiting
 * </pre>
 */
final class ListenQueue {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String LISTEN = "0A";

    private ListenQueue() {
    }

    /** The connections waiting to be accepted on {@code port}, or -1 where the tables cannot be read. */
    static long depth(int port) {
        long depth = 0;
        boolean read = false;
        for (Path table : TABLES) {
            try (InputStream in = Files.newInputStream(table)) {
                depth += depth(new String(in.readAllBytes(), StandardCharsets.US_ASCII), port);
                read = true;
            } catch (IOException e) {
                // No IPv6 here, or not Linux: the other table (or nothing) counts.
            }
        }
        return read ? depth : -1;
    }

    /** The summed accept queues of the LISTEN sockets on {@code port} in one table's text. */
    static long depth(String table, int port) {
        long depth = 0;
        String hexPort = String.format(":%04X", port);
        for (String line : table.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 4 && f[1].endsWith(hexPort) && f[3].equals(LISTEN)) {
                depth += Long.parseLong(f[4].substring(f[4].indexOf(':') + 1), 16);
            }
        }
        return depth;
    }
}
