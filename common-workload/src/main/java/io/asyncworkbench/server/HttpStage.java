package io.asyncworkbench.server;

import io.asyncworkbench.http.HttpServerContext;
import io.asyncworkbench.http.HttpServerInitializer;
import io.asyncworkbench.http.RequestExecutor;
import io.asyncworkbench.http.Router;
import io.asyncworkbench.metrics.ServerMetrics;
import io.asyncworkbench.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import sun.misc.Signal;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What is the same in every Netty stage, around its one idea: the routes, metrics and HTTP
 * pipeline, the startup line the experiment runner waits for, and the graceful shutdown.
 *
 * <p>A stage's {@code call()} reads, in order: options, event loops, bootstrap (with
 * {@link #initializer}), bind, {@link #announce}, {@link #awaitShutdown}, shut the loops down.
 * On SIGTERM or SIGINT, {@code awaitShutdown} closes the listening sockets (no new connections),
 * lets requests in flight finish for up to {@code --shutdown-grace} (their responses say
 * {@code Connection: close}), closes the remaining connections and returns; the stage then
 * exits 0.
 *
 * <p>A stage on another framework (the Vert.x stages) uses the same routes and metrics, prints the
 * same line with {@link #announce(int)} and stops on the same signals with {@link #onStopSignal}.
 */
public final class HttpStage {

    private final String name;
    private final String host;
    private final Transport transport;
    private final int threads;
    private final ServerMetrics metrics;
    private final Router router;
    private final HttpServerContext context;
    private final ChannelGroup connections = new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);
    private final PrintStream stdout;
    private volatile boolean closing;

    private HttpStage(String name, ServerOptions options, int threads, PrintStream stdout) {
        ErrorPathPreload.run();
        this.name = name;
        this.stdout = stdout;
        this.host = options.host();
        this.transport = options.transport();
        this.threads = threads;
        this.metrics = new ServerMetrics(Map.of(
                "stage", name,
                "transport", transport.label(),
                "threads", Integer.toString(threads),
                "workload", options.workload().spec()));
        this.router = new Router(options.workload(), metrics);
        this.context = new HttpServerContext(metrics, options.limits(), () -> closing);
    }

    /** The shared parts of stage {@code name} running {@code threads} event-loop threads. */
    public static HttpStage create(String name, ServerOptions options, int threads) {
        return create(name, options, threads, System.out);
    }

    /** The same, with the startup line printed to {@code stdout} (a test's buffer) instead of {@code System.out}. */
    public static HttpStage create(String name, ServerOptions options, int threads, PrintStream stdout) {
        return new HttpStage(name, options, threads, stdout);
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public Router router() {
        return router;
    }

    public Transport transport() {
        return transport;
    }

    /** The pipeline for accepted connections, with the work run by {@code executor}. */
    public HttpServerInitializer initializer(RequestExecutor executor) {
        return new HttpServerInitializer(router, executor, context, connections);
    }

    /**
     * Prints {@code listening on http://HOST:PORT stage=NAME transport=T threads=N}, the line runners
     * wait for: HOST as given with {@code --host}, PORT the one bound (the real one for {@code --port 0}).
     */
    public void announce(Channel listener) {
        announce(((InetSocketAddress) listener.localAddress()).getPort());
    }

    /** The same line for a server bound to {@code port} by other means than a Netty channel (the Vert.x stages). */
    public void announce(int port) {
        stdout.println(startupLine(host, port, name, transport, threads));
        stdout.flush();
    }

    static String startupLine(String host, int port, String stage, Transport transport, int threads) {
        return startupLine(host, port, stage, transport.label(), threads);
    }

    /** The startup line of a server on any transport, e.g. {@code blocking} for the blocking stage's java.net sockets. */
    public static String startupLine(String host, int port, String stage, String transportLabel, int threads) {
        String authority = host.contains(":") ? "[" + host + "]" : host;
        return "listening on http://" + authority + ":" + port + " stage=" + stage + " transport=" + transportLabel + " threads=" + threads;
    }

    /**
     * Waits until a signal (SIGTERM, SIGINT) or anything else closes the listeners, then drains:
     * requests in flight get up to {@code grace} to finish, and the remaining connections are closed.
     */
    public void awaitShutdown(List<Channel> listeners, Duration grace) throws InterruptedException {
        onStopSignal(() -> {
            closing = true;
            listeners.forEach(Channel::close);
        });
        for (Channel listener : listeners) {
            listener.closeFuture().sync();
        }
        closing = true;
        long deadlineNanos = System.nanoTime() + grace.toNanos();
        while (metrics.requestsInFlight() > 0 && System.nanoTime() < deadlineNanos) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        connections.close().await(grace.toMillis());
    }

    /**
     * Runs {@code stop} on SIGTERM or SIGINT, on the JVM's signal thread; the process keeps running
     * until the stage returns from {@code call()}, so it can drain and exit 0.
     */
    public static void onStopSignal(Runnable stop) {
        // A signal handler, not a shutdown hook: after a hook the JVM exits 143, and a clean stop is 0.
        for (String signal : List.of("TERM", "INT")) {
            Signal.handle(new Signal(signal), s -> stop.run());
        }
    }
}
