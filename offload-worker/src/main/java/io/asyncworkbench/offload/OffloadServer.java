package io.asyncworkbench.offload;

import io.asyncworkbench.cli.CommandLines;
import io.asyncworkbench.http.RequestExecutor;
import io.asyncworkbench.server.HttpStage;
import io.asyncworkbench.server.OffloadOptions;
import io.asyncworkbench.server.ServerOptions;
import io.asyncworkbench.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Stage 3, the blog's {@code ts3}: the event loop accepts, parses and writes, and the CPU work of
 * {@code GET /data} runs on a bounded pool of worker threads ({@link WorkerPoolExecutor}).
 *
 * <p>Part 3 of the blog found that with ~4 ms of CPU per request on the accepting thread, the
 * server takes connections off the listen queue only as fast as it finishes them (~250 req/s with
 * a new connection per request); with the work on another thread it accepted far more than it had
 * finished, and served ~1,300 req/s. {@code /metrics} shows both sides at any instant:
 * {@code server_connections_accepted_total} runs ahead of {@code server_connections_finished_total}
 * by what waits in {@code offload_worker_queue_depth}.
 *
 * <pre>
 * java -jar offload-worker/target/offload-worker.jar --port 8080 --workload spin:4ms --workers 2
 * java -jar offload-worker/target/offload-worker.jar --port 8080 --workload spin:4ms --inline   # the "before"
 * </pre>
 *
 * The startup line counts every thread that serves requests: IO threads plus workers.
 */
@Command(name = "offload-worker", mixinStandardHelpOptions = true, version = "async-http-workbench 0.1",
        description = "Stage 3: IO event loops accept, parse and write; the CPU work runs on a bounded worker pool.")
public final class OffloadServer implements Callable<Integer> {

    static final String STAGE = "offload-worker";

    @Mixin
    private ServerOptions options;

    /** {@code --io-threads}, {@code --workers}, {@code --queue}, {@code --inline}: shared with the Vert.x offload stage. */
    @Mixin
    private OffloadOptions offloadOptions;

    public static void main(String[] args) {
        System.exit(CommandLines.run(new OffloadServer(), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        // Options.
        int ioThreads = offloadOptions.ioThreads();
        int workerThreads = offloadOptions.workerThreads();
        Transport transport = options.transport();
        HttpStage http = HttpStage.create(STAGE, options, ioThreads + workerThreads);

        // Event loops. New in this stage: the loops only accept, parse and write; the CPU work goes
        // to a bounded worker pool, so a busy worker never keeps a loop from the listen queue.
        EventLoopGroup loop = transport.newEventLoopGroup(ioThreads, "loop");
        WorkerPoolExecutor pool = offloadOptions.inline() ? null : new WorkerPoolExecutor(workerThreads, offloadOptions.queue());
        RequestExecutor executor = pool == null ? RequestExecutor.INLINE : pool;
        if (pool != null) {
            http.metrics().register(pool.metrics());
        }
        try {
            // Bootstrap.
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(loop)
                    .channel(transport.serverChannelClass())
                    .option(ChannelOption.SO_BACKLOG, options.backlog())
                    .childHandler(http.initializer(executor));

            // Bind.
            Channel listener = bootstrap.bind(options.host(), options.port()).sync().channel();

            // Listening.
            http.announce(listener);

            // Wait for close (SIGTERM), then let requests in flight finish.
            http.awaitShutdown(List.of(listener), options.shutdownGrace());
        } finally {
            // Shut down gracefully.
            if (pool != null) {
                pool.close();
            }
            loop.shutdownGracefully(0, options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS).sync();
        }
        return 0;
    }
}
