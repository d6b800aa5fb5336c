package io.asyncworkbench.vertx;

import io.asyncworkbench.server.ServerOptions;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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

    @Option(names = "--io-threads", defaultValue = "1", paramLabel = "N",
            description = "Event loops (verticle instances) that accept, parse and write (default: ${DEFAULT-VALUE}).")
    private int ioThreads;

    @Option(names = "--workers", paramLabel = "N",
            description = "Worker threads for the CPU work (default: available processors minus IO threads, at least 1).")
    private Integer workers;

    @Option(names = "--queue", defaultValue = "1024", paramLabel = "N",
            description = "Requests that may wait for a worker; when full, 503 at once (default: ${DEFAULT-VALUE}).")
    private int queue;

    @Option(names = "--inline", description = "Do the work on the event loop, as stage 1 does (the comparison).")
    private boolean inline;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        // Options.
        int workerThreads = workerThreads();
        VertxStage http = VertxStage.create(STAGE, options, ioThreads + workerThreads);

        // Event loops. New in this stage: the loops only accept, parse and write; the CPU work goes
        // to a bounded worker pool, so a busy worker never keeps a loop from its connections.
        Vertx vertx = http.newVertx(ioThreads);
        WorkerOffload offload = inline ? null : new WorkerOffload(vertx, http.shared().router(), workerThreads, queue);
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

    /**
     * {@code --workers}, or the processors the IO threads leave (at least 1), or 0 with {@code --inline}.
     * TODO(core): these four flags and this check repeat offload-worker's OffloadServer; as an
     * {@code OffloadOptions} mixin in common-workload both stages would share them.
     */
    private int workerThreads() {
        int count = workers != null ? workers : Math.max(1, Runtime.getRuntime().availableProcessors() - ioThreads);
        require(ioThreads >= 1, "--io-threads must be at least 1, was " + ioThreads);
        require(count >= 1, "--workers must be at least 1, was " + count);
        require(queue >= 0, "--queue must be 0 or more, was " + queue);
        return inline ? 0 : count;
    }

    private void require(boolean valid, String message) {
        if (!valid) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
