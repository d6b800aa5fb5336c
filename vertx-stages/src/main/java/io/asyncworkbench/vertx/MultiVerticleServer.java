package io.asyncworkbench.vertx;

import io.asyncworkbench.server.ServerOptions;
import io.asyncworkbench.transport.Transport;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Stage 2 in Vert.x: N verticle instances on N event loops, two ways.
 *
 * <ul>
 *   <li>Default, Vert.x's own model: one Vert.x instance with N event loops; the N verticles
 *       listening on one port share one listening socket, accepted on Vert.x's acceptor thread and
 *       handed out round-robin (the Netty stage's {@code --no-reuseport}, with one more thread).</li>
 *   <li>{@code --reuseport}: N Vert.x instances of one event loop each, every one with its own
 *       socket bound with {@code SO_REUSEPORT}, so the kernel spreads the connections as in the
 *       Netty stage. Within one Vert.x instance {@code setReusePort(true)} alone changes nothing:
 *       servers on one port share one socket whatever the option says.</li>
 * </ul>
 *
 * <pre>
 * java -jar vertx-stages/target/vertx-stages.jar multi --threads 2 --reuseport --port 8080
 * ss -ltn 'sport = :8080'    # two listening sockets with --reuseport, one without
 * curl -s http://127.0.0.1:8080/metrics | grep accepted    # one line per loop: loop-0, loop-1
 * </pre>
 */
@Command(name = MultiVerticleServer.STAGE, aliases = "multi", mixinStandardHelpOptions = true, version = "async-http-workbench 0.1",
        description = "Stage 2 in Vert.x: N verticle instances on N event loops; --reuseport gives each its own socket.")
public final class MultiVerticleServer implements Callable<Integer> {

    static final String STAGE = "vertx-multi";

    @Mixin
    private ServerOptions options;

    @Option(names = "--threads", paramLabel = "N",
            description = "Event loops, one verticle instance each (default: available processors, ${DEFAULT-VALUE} here).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--reuseport",
            description = "One Vert.x instance and listening socket per loop, bound with SO_REUSEPORT (needs epoll or io_uring).")
    private boolean reusePort;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        // Options.
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, was " + threads);
        }
        if (reusePort && options.transport() == Transport.NIO) {
            throw new ParameterException(spec.commandLine(), "--reuseport needs --transport epoll or io_uring (Vert.x sets SO_REUSEPORT only there)");
        }
        VertxStage http = VertxStage.create(STAGE, options, threads);

        // Event loops. New in this stage: N loops, each with a verticle instance of its own; with
        // --reuseport each in its own Vert.x instance, since one instance shares one socket per port.
        List<Vertx> instances = new ArrayList<>();
        try {
            // Bootstrap and bind: the first binds --port (0 picks a free one), the others the port it got.
            int port = options.port();
            if (reusePort) {
                for (int i = 0; i < threads; i++) {
                    Vertx vertx = http.newVertx(1);
                    instances.add(vertx);
                    port = http.deploy(vertx, 1, port, true, null);
                }
            } else {
                Vertx vertx = http.newVertx(threads);
                instances.add(vertx);
                port = http.deploy(vertx, threads, port, false, null);
            }

            // Listening.
            http.announce(port);

            // Wait for close (SIGTERM), then let requests in flight finish.
            http.awaitShutdown();
        } finally {
            // Shut down gracefully.
            http.close(instances);
        }
        return 0;
    }
}
