package io.asyncworkbench.testing;

import java.io.IOException;

/**
 * The listening sockets on a port, read from the kernel's tables ({@link TcpTable}, Linux), for the
 * stages whose idea is how many there are: with {@code SO_REUSEPORT} one per event loop, without it
 * one in all. Elsewhere than Linux the test is skipped.
 *
 * <pre>{@code
 * assertEquals(2, ListeningSockets.count(server.port()));   // --threads 2, one socket each
 * }</pre>
 */
public final class ListeningSockets {

    private ListeningSockets() {
    }

    /** Sockets in state LISTEN on {@code port}, IPv4 and IPv6. */
    public static long count(int port) throws IOException {
        return TcpTable.rows().stream().filter(r -> r.localPort() == port && r.isListening()).count();
    }
}
