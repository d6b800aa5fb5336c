package io.asyncworkbench.vertx;

import io.asyncworkbench.server.ServerOptions;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Stage 1 in Vert.x: one event loop, one verticle instance, whose {@code HttpServer} parses,
 * works and writes on that loop. Against the Netty stage it shows what the framework costs per
 * request, since the work and the thread count are the same. One difference is Vert.x's own:
 * accepting runs on its acceptor thread, which hands each new connection to the event loop.
 *
 * <pre>
 * java -jar vertx-stages/target/vertx-stages.jar single --port 8080
 * curl -s http://127.0.0.1:8080/data    # {"street":"10 Downing Street","city":"Value: 99"}
 * </pre>
 */
@Command(name = SingleVerticleServer.STAGE, aliases = "single", mixinStandardHelpOptions = true, version = "async-http-workbench 0.1",
        description = "Stage 1 in Vert.x: one event loop, one verticle instance.")
public final class SingleVerticleServer implements Callable<Integer> {

    static final String STAGE = "vertx-single";

    @Mixin
    private ServerOptions options;

    @Override
    public Integer call() throws InterruptedException {
        // Options.
        VertxStage http = VertxStage.create(STAGE, options, 1);

        // Event loops. New in this stage: Vert.x itself, with one event loop and one verticle on it.
        Vertx vertx = http.newVertx(1);
        try {
            // Bootstrap and bind: the verticle builds its HttpServer and listens on --port.
            int port = http.deploy(vertx, 1, options.port(), false, null);

            // Listening.
            http.announce(port);

            // Wait for close (SIGTERM), then let requests in flight finish.
            http.awaitShutdown();
        } finally {
            // Shut down gracefully.
            http.close(List.of(vertx));
        }
        return 0;
    }
}
