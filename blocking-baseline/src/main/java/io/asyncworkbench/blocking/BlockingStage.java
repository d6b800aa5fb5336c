package io.asyncworkbench.blocking;

import io.asyncworkbench.http.HttpServerContext;
import io.asyncworkbench.http.HttpServerInitializer;
import io.asyncworkbench.http.RequestExecutor;
import io.asyncworkbench.http.Router;
import io.asyncworkbench.metrics.ServerMetrics;
import io.asyncworkbench.server.HttpStage;
import io.asyncworkbench.server.ServerOptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * What the blocking stage shares with the Netty stages, around its one idea: the routes, metrics
 * and HTTP pipeline from the shared core, the startup line, and the graceful shutdown. It is
 * {@code HttpStage} for a server whose sockets are {@code java.net} ones, not Netty channels.
 *
 * <p>On SIGTERM or SIGINT the listening socket is closed (the accept loop returns) and responses
 * start saying {@code Connection: close}; {@link #drain} then lets requests in flight finish for
 * up to {@code --shutdown-grace}, ends the idle keep-alive connections by shutting down their
 * input (their threads read end of stream and close), and closes whatever is left at the end.
 */
final class BlockingStage {

    static final String TRANSPORT = "blocking";
    /** How long accepting pauses after a resource shortage (the accept-loop chapter's 500 ms). */
    static final Duration ACCEPT_PAUSE = Duration.ofMillis(500);

    private final String name;
    private final String host;
    private final int threads;
    private final ServerMetrics metrics;
    private final HttpServerContext context;
    private final HttpServerInitializer pipeline;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    private BlockingStage(String name, ServerOptions options, ThreadKind kind, int threads) {
        this.name = name;
        this.host = options.host();
        this.threads = threads;
        this.metrics = kind.newMetrics(Map.of(
                "stage", name,
                "transport", TRANSPORT,
                "thread_kind", kind.label(),
                "threads", Integer.toString(threads),
                "workload", options.workload().spec()));
        this.context = new HttpServerContext(metrics, options.limits(), () -> closing);
        this.pipeline = new HttpServerInitializer(new Router(options.workload(), metrics), RequestExecutor.INLINE, context);
    }

    /** The shared parts of stage {@code name}, serving on threads of {@code kind}; {@code threads} for the startup line. */
    static BlockingStage create(String name, ServerOptions options, ThreadKind kind, int threads) {
        return new BlockingStage(name, options, kind, threads);
    }

    ServerMetrics metrics() {
        return metrics;
    }

    /** Prints {@code listening on http://HOST:PORT stage=NAME transport=blocking threads=N}. */
    void announce(ServerSocket listener) {
        System.out.println(HttpStage.startupLine(host, listener.getLocalPort(), name, TRANSPORT, threads));
        System.out.flush();
    }

    /** Closes {@code listener} on SIGTERM or SIGINT, which ends the accept loop. */
    void closeOnSignal(ServerSocket listener) {
        HttpStage.onStopSignal(() -> {
            closing = true;
            closeQuietly(listener);
        });
    }

    /** The accept loop that gives each connection a thread of {@code connectionThreads}, at most {@code maxConnections} at once. */
    BlockingAcceptLoop acceptLoop(ServerSocket listener, ExecutorService connectionThreads, int maxConnections) {
        return new BlockingAcceptLoop(listener, maxConnections, (socket, done) -> serve(socket, done, connectionThreads),
                metrics.accept(), ACCEPT_PAUSE, System.err);
    }

    private void serve(Socket socket, Runnable done, ExecutorService connectionThreads) {
        open.add(socket);
        BlockingConnection connection = new BlockingConnection(socket, pipeline, context);
        try {
            connectionThreads.execute(() -> {
                try {
                    connection.run();
                } finally {
                    open.remove(socket);
                    done.run();
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            open.remove(socket);
            done.run();
            closeQuietly(socket);
        }
    }

    /** After the accept loop returned: finish requests in flight, end idle connections, stop the threads. */
    void drain(ExecutorService connectionThreads, Duration grace) throws InterruptedException {
        closing = true;
        long deadlineNanos = System.nanoTime() + grace.toNanos();
        while (metrics.requestsInFlight() > 0 && System.nanoTime() < deadlineNanos) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        open.forEach(BlockingStage::shutdownInput);
        connectionThreads.shutdown();
        if (!connectionThreads.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            open.forEach(BlockingStage::closeQuietly);
            connectionThreads.shutdownNow();
        }
    }

    private static void shutdownInput(Socket socket) {
        try {
            socket.shutdownInput();
        } catch (IOException alreadyClosed) {
            // Its thread is ending anyway.
        }
    }

    private static void closeQuietly(java.io.Closeable socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that was wanted.
        }
    }
}
