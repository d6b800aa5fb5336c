package io.asyncworkbench.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernel's table of TCP sockets (Linux: {@code /proc/net/tcp} and {@code /proc/net/tcp6}), for
 * tests that watch a server in another process do something with a socket, instead of giving it a
 * fixed time to: bind it, accept a connection or leave it in the accept queue, read what a client
 * sent, close its end.
 *
 * <p>A line names the local and remote addresses as {@code 0100007F:1F90} (port 8080 in hex), the
 * state as {@code 0A} for LISTEN, the queues as {@code tx:rx} in bytes, and the socket's inode,
 * 0 while a connection still waits in the accept queue. Elsewhere than Linux the test is skipped.
 *
 * <pre>{@code
 * client.getOutputStream().write(request);   // loopback has queued it at the server when write returns
 * Await.until(Duration.ofSeconds(10), "the server read the request",
 *         () -> TcpTable.serverEnd(port, client).filter(TcpTable.Row::hasReadAll).isPresent());
 * }</pre>
 */
public final class TcpTable {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String ESTABLISHED = "01";
    private static final String LISTEN = "0A";

    /**
     * One socket: its ports, its state, its receive queue (bytes received and not yet read; for a
     * listening socket, connections waiting to be accepted), its inode.
     */
    public record Row(int localPort, int remotePort, String state, long receiveQueue, long inode) {

        public boolean isListening() {
            return state.equals(LISTEN);
        }

        /** Open both ways: neither end has closed (a FIN received makes it CLOSE_WAIT, a reset removes it). */
        public boolean isEstablished() {
            return state.equals(ESTABLISHED);
        }

        /** The server has accepted this connection: the socket has a file. */
        public boolean accepted() {
            return inode != 0;
        }

        /** Accepted, and everything the client sent so far read by the server. */
        public boolean hasReadAll() {
            return accepted() && receiveQueue == 0;
        }

        /**
         * Process {@code pid} holds this socket and has it in an epoll set: one of its threads
         * waits on it through a poller (an event loop, or the JDK's poller under a virtual thread
         * blocked in {@code read}). {@code /proc/<pid>/fdinfo/<epoll fd>} lists the set as
         * {@code tfd: <fd> events: ...} lines. False too if the process has gone.
         */
        public boolean polledBy(long pid) {
            Path process = Path.of("/proc", Long.toString(pid));
            Optional<String> fd = fdsLinkedTo(process, "socket:[" + inode + "]").findFirst();
            if (fd.isEmpty()) {
                return false;
            }
            Pattern watched = Pattern.compile("(?m)^tfd:\\s+" + fd.get() + "\\s");
            for (String epoll : fdsLinkedTo(process, "anon_inode:[eventpoll]").toList()) {
                if (watched.matcher(readOrEmpty(process.resolve("fdinfo").resolve(epoll))).find()) {
                    return true;
                }
            }
            return false;
        }
    }

    private TcpTable() {
    }

    /** Every TCP socket in this network namespace, IPv4 and IPv6. */
    public static List<Row> rows() throws IOException {
        assumeTrue(Files.isReadable(TABLES.get(0)), "needs Linux's /proc/net/tcp");
        List<Row> rows = new ArrayList<>();
        for (Path table : TABLES) {
            if (Files.isReadable(table)) {
                Files.readAllLines(table).stream().skip(1).map(TcpTable::row).forEach(rows::add);
            }
        }
        return rows;
    }

    /** Connections on {@code port} that the kernel has completed and the server not yet accepted. */
    public static long awaitingAccept(int port) throws IOException {
        return rows().stream().filter(r -> r.localPort() == port && r.isListening()).mapToLong(Row::receiveQueue).sum();
    }

    /** The server's end of {@code client}'s connection to {@code serverPort}, if the kernel has one. */
    public static Optional<Row> serverEnd(int serverPort, Socket client) throws IOException {
        return row(serverPort, client.getLocalPort());
    }

    /** This process's own end of {@code client}'s connection, if the kernel still has one. */
    public static Optional<Row> clientEnd(Socket client) throws IOException {
        return row(client.getLocalPort(), client.getPort());
    }

    private static Optional<Row> row(int localPort, int remotePort) throws IOException {
        return rows().stream().filter(r -> r.localPort() == localPort && r.remotePort() == remotePort).findFirst();
    }

    private static Row row(String line) {
        String[] f = line.trim().split("\\s+");
        return new Row(port(f[1]), port(f[2]), f[3], Long.parseLong(f[4].substring(f[4].indexOf(':') + 1), 16), Long.parseLong(f[9]));
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }

    /** The names of {@code process}'s fds that link to {@code target}; an fd closed meanwhile is left out, as is a process gone. */
    private static Stream<String> fdsLinkedTo(Path process, String target) {
        try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
            return fds.filter(fd -> readLinkOrEmpty(fd).equals(target)).map(fd -> fd.getFileName().toString()).toList().stream();
        } catch (IOException gone) {
            return Stream.empty();
        }
    }

    private static String readLinkOrEmpty(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException closedMeanwhile) {
            return "";
        }
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException closedMeanwhile) {
            return "";
        }
    }
}
