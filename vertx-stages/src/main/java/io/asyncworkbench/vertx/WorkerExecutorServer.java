package io.asyncworkbench.vertx;

import io.asyncworkbench.server.OffloadOptions;
import io.asyncworkbench.server.ServerOptions;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Stage 3 in Vert.x: the event loop accepts, parses and writes, and the CPU work of
 * {@code GET /data} runs on a {@code WorkerExecutor} of {@code --workers} threads through
 * {@code executeBlocking} ({@link WorkerOffload}); {@code --inline} keeps it on the loop for the
 * comparison. Flags, defaults, the 503 on a full queue and the {@code offload_*} metrics are the
 * Netty offload stage's, so Part 3's experiment runs on both unchanged.
 *
 * <pre>
 * java -jar vertx-stages/target/vertx-stages.jar offload --port 8080 --workload spin:4ms --workers 2
 * java -jar vertx-stages/target/vertx-stages.jar offload --port 8080 --workload spin:4ms --inline   # the "before"
 * </pre>
 *
 * The startup line counts every thread that serves requests: event loops plus workers.
 */
@Command(name = WorkerExecutorServer.STAGE, aliases = "offload", mixinStandardHelpOptions = true, version = "async-http-workbench 0.1",
        description = "Stage 3 in Vert.x: event loops parse and write; the CPU work runs on a WorkerExecutor via executeBlocking.")
public final class WorkerExecutorServer implements Callable<Integer> {

    static final String STAGE = "vertx-offload";

    @Mixin
    private ServerOptions options;

    /** The Netty offload stage's flags: {@code --io-threads} (here event loops, one verticle each), {@code --workers}, ... */
    @Mixin
    private OffloadOptions offloadOptions;

    @Override
    public Integer call() throws InterruptedException {
        // Options.
        int ioThreads = offloadOptions.ioThreads();
        int workerThreads = offloadOptions.workerThreads();
        VertxStage http = VertxStage.create(STAGE, options, ioThreads + workerThreads);

        // Event loops. New in this stage: the loops only accept, parse and write; the CPU work goes
        // to a bounded worker pool, so a busy worker never keeps a loop from its connections.
        Vertx vertx = http.newVertx(ioThreads);
        WorkerOffload offload = offloadOptions.inline() ? null
                : new WorkerOffload(vertx, http.shared().router(), workerThreads, offloadOptions.queue());
        if (offload != null) {
            http.shared().metrics().register(offload.metricsSource());
        }
        try {
            // Bootstrap and bind: the verticles build their HttpServers and listen on --port.
            int port = http.deploy(vertx, ioThreads, options.port(), false, offload);

            // Listening.
            http.announce(port);

            // Wait for close (SIGTERM), then let requests in flight finish.
            http.awaitShutdown();
        } finally {
            // Shut down gracefully.
            if (offload != null) {
                offload.close();
            }
            http.close(List.of(vertx));
        }
        return 0;
    }
}
