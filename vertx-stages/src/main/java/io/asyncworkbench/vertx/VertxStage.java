package io.asyncworkbench.vertx;

import io.asyncworkbench.http.HttpLimits;
import io.asyncworkbench.metrics.ThreadMetrics;
import io.asyncworkbench.server.HttpStage;
import io.asyncworkbench.server.ServerOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.transport.Transport;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What is the same in every Vert.x stage, the counterpart of {@link HttpStage} for the Netty
 * stages: Vert.x instances on the chosen transport, the HTTP server options (the shared size
 * limits), deploying the {@link HttpVerticle}s, the startup line and the graceful shutdown.
 * Routes, workload and metrics are the shared ones, from {@link HttpStage#create}.
 *
 * <p>A stage's {@code call()} reads, in order: options, {@link #newVertx} (the event loops),
 * {@link #deploy} (each verticle builds its server and listens), {@link #announce},
 * {@link #awaitShutdown}, {@link #close}. On SIGTERM or SIGINT the servers stop accepting,
 * requests in flight get up to {@code --shutdown-grace} to finish (their responses say
 * {@code Connection: close}), then the Vert.x instances close and the stage exits 0.
 *
 * <p>Metrics are labelled {@code thread="loop-N"} for verticle instance N, as the Netty stages
 * label their event loops; {@link #announce} checks that each instance got an event loop of its own.
 */
final class VertxStage {

    private final ServerOptions options;
    private final HttpStage shared;
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final Set<Thread> loops = ConcurrentHashMap.newKeySet();
    private final AtomicInteger verticles = new AtomicInteger();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean closing;

    private VertxStage(String name, ServerOptions options, int threads) {
        this.options = options;
        this.shared = HttpStage.create(name, options, threads);
    }

    /** The shared parts of stage {@code name}, whose startup line says {@code threads}. */
    static VertxStage create(String name, ServerOptions options, int threads) {
        return new VertxStage(name, options, threads);
    }

    HttpStage shared() {
        return shared;
    }

    boolean closing() {
        return closing;
    }

    /** A Vert.x instance with {@code eventLoops} event loops on {@code --transport} (auto: epoll where it loads). */
    Vertx newVertx(int eventLoops) {
        Transport transport = switch (shared.transport()) {
            case EPOLL -> Transport.EPOLL;
            case IO_URING -> Transport.IO_URING;
            default -> Transport.NIO;
        };
        return Vertx.builder()
                .with(new VertxOptions().setEventLoopPoolSize(eventLoops))
                .withTransport(transport)
                .build();
    }

    /** The server options: the shared request limits, {@code --backlog}, HTTP/1.1 only (as the Netty stages). */
    HttpServerOptions serverOptions(boolean reusePort) {
        HttpLimits limits = options.limits();
        return new HttpServerOptions()
                .setMaxInitialLineLength(limits.maxRequestLineBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setAcceptBacklog(options.backlog())
                .setHttp2ClearTextEnabled(false)
                .setReusePort(reusePort);
    }

    long maxBodyBytes() {
        return options.limits().maxBodyBytes();
    }

    /**
     * Deploys {@code instances} verticles on {@code vertx}, each listening on {@code port}, and waits
     * until they listen; returns the port bound. Instances of one Vert.x instance share its one
     * listening socket; {@code port} 0 becomes Vert.x's "random port, shared" ({@code -1}).
     */
    int deploy(Vertx vertx, int instances, int port, boolean reusePort, WorkerOffload offload) throws InterruptedException {
        int listenPort = port == 0 && instances > 1 ? -1 : port;
        HttpServerOptions serverOptions = serverOptions(reusePort);
        DeploymentOptions deployment = new DeploymentOptions().setInstances(instances);
        await(vertx.deployVerticle(() -> new HttpVerticle(this, verticles.getAndIncrement(), serverOptions,
                options.host(), listenPort, offload), deployment), Duration.ofSeconds(30));
        return servers.get(servers.size() - 1).actualPort();
    }

    /** Called by verticle {@code index} on its event loop: its metrics, and its server for the shutdown. */
    ThreadMetrics register(int index, HttpServer server) {
        loops.add(Thread.currentThread());
        servers.add(server);
        return shared.metrics().forThread("loop-" + index);
    }

    /** Prints the shared startup line, {@code listening on http://HOST:PORT stage=NAME transport=T threads=N}. */
    void announce(int port) {
        if (loops.size() != verticles.get()) {
            throw new IllegalStateException(verticles.get() + " verticles got only " + loops.size() + " event loops");
        }
        shared.announce(port);
    }

    /**
     * Waits for SIGTERM or SIGINT, then shuts every server down: no new connections, requests in
     * flight get up to {@code --shutdown-grace}, connections still open after it are closed.
     */
    void awaitShutdown() throws InterruptedException {
        HttpStage.onStopSignal(() -> {
            // At once, on the signal thread: a response written from now on says Connection: close.
            closing = true;
            stopSignal.countDown();
        });
        stopSignal.await();
        Duration grace = options.shutdownGrace();
        List<Future<Void>> shutdowns = servers.stream().map(s -> s.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS)).toList();
        await(Future.join(shutdowns), grace.plusSeconds(5));
    }

    /** Closes the Vert.x instances (event loops, workers), waiting up to the grace period. */
    void close(List<Vertx> instances) throws InterruptedException {
        await(Future.join(instances.stream().map(Vertx::close).toList()), options.shutdownGrace().plusSeconds(5));
    }

    private static <T> T await(Future<T> future, Duration timeout) throws InterruptedException {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Vert.x did not finish within " + timeout.toSeconds() + " s", e);
        }
    }
}
