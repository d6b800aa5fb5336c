package io.asyncworkbench.blocking;

import io.asyncworkbench.cli.ParsingConverter;
import io.asyncworkbench.metrics.ServerMetrics;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads that serve connections: {@code --threads platform|virtual}.
 *
 * <table>
 *   <caption>The two kinds</caption>
 *   <tr><th></th><th>{@code platform}</th><th>{@code virtual}</th></tr>
 *   <tr><td>threads</td><td>a pool of {@code --max-threads} OS threads, {@code conn-0}...</td>
 *       <td>one virtual thread per connection, run by the JDK's carrier threads (one per CPU)</td></tr>
 *   <tr><td>connections at once</td><td>{@code --max-threads}; the rest wait in the listen backlog</td>
 *       <td>unbounded (until fds or memory run out)</td></tr>
 *   <tr><td>a blocked {@code read()}</td><td>parks an OS thread</td>
 *       <td>unmounts the virtual thread; the JDK's poller (epoll) wakes it</td></tr>
 *   <tr><td>metrics</td><td>per pool thread, {@code thread="conn-3"}</td>
 *       <td>shared, {@code thread="virtual"} (one series, not one per connection)</td></tr>
 * </table>
 */
enum ThreadKind {
    PLATFORM, VIRTUAL;

    /** The executor that gives each connection its thread. */
    ExecutorService newExecutor(int maxThreads) throws IOException, InterruptedException {
        return switch (this) {
            case PLATFORM -> Executors.newFixedThreadPool(maxThreads, Thread.ofPlatform().name("conn-", 0).factory());
            case VIRTUAL -> {
                startPoller();
                yield Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("conn-virtual-", 0).factory());
            }
        };
    }

    /**
     * Starts the JDK's poller for virtual threads now, by parking one in a socket read. The JDK
     * starts it lazily, on the first read that has to wait, and it needs file descriptors (epoll
     * instances) to start: if that first wait comes while fds are exhausted, its class fails to
     * initialise and every later virtual-thread read that waits fails with
     * {@code NoClassDefFoundError}, for the life of the process. Seen without this: under
     * {@code prlimit --nofile=100} and 300 wrk connections, every read that had to wait failed
     * with a stack trace; in {@code FdExhaustionIT} the client that sends its request late after
     * the storm gets no answer.
     */
    private static void startPoller() throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket listener = new ServerSocket(0, 1, loopback);
             Socket client = new Socket(loopback, listener.getLocalPort());
             Socket server = listener.accept()) {
            server.setSoTimeout(1);
            Thread.ofVirtual().start(() -> {
                try {
                    server.getInputStream().read();
                } catch (IOException expected) {
                    // SocketTimeoutException: the read waited, so the poller runs.
                }
            }).join();
        }
    }

    /** How many connections may be served at once. */
    int maxConnections(int maxThreads) {
        return this == PLATFORM ? maxThreads : Integer.MAX_VALUE;
    }

    /**
     * How many threads can run requests at the same time, the {@code threads=N} of the startup
     * line: the pool's size, or the virtual-thread scheduler's carrier threads.
     */
    int runningThreads(int maxThreads) {
        return this == PLATFORM ? maxThreads
                : Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
    }

    ServerMetrics newMetrics(Map<String, String> info) {
        return this == PLATFORM ? new ServerMetrics(info) : ServerMetrics.sharedByAllThreads(info, label());
    }

    /** The name on the command line: {@code platform} or {@code virtual}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@code --threads} value: {@code platform} or {@code virtual}. */
    static ThreadKind parse(String text) {
        for (ThreadKind kind : values()) {
            if (kind.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown thread kind '" + text + "' (expected platform or virtual)");
    }

    /** The picocli converter for {@code --threads}. */
    static final class Converter extends ParsingConverter<ThreadKind> {
        Converter() {
            super(ThreadKind::parse);
        }
    }
}
