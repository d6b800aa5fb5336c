package io.asyncworkbench.vertx;

import io.asyncworkbench.metrics.ThreadMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * One verticle instance: an {@link HttpServer} whose every handler runs on the instance's own
 * event loop, the Vert.x counterpart of one Netty event loop with its pipeline.
 *
 * <p>Vert.x's component model does the rest: several instances in one Vert.x instance that
 * listen on the same host and port share one listening socket, and Vert.x hands each accepted
 * connection to the next instance, round-robin; that connection then lives on that instance's
 * event loop for good. Its {@link ExchangeHandler} answers the requests.
 */
final class HttpVerticle extends VerticleBase {

    private final VertxStage stage;
    private final int index;
    private final HttpServerOptions serverOptions;
    private final String host;
    private final int port;
    private final WorkerOffload offload;

    HttpVerticle(VertxStage stage, int index, HttpServerOptions serverOptions, String host, int port, WorkerOffload offload) {
        this.stage = stage;
        this.index = index;
        this.serverOptions = serverOptions;
        this.host = host;
        this.port = port;
        this.offload = offload;
    }

    /** On this instance's event loop: builds the server, registers it and its metrics, and listens. */
    @Override
    public Future<?> start() {
        HttpServer server = vertx.createHttpServer(serverOptions);
        ThreadMetrics metrics = stage.register(index, server);
        ExchangeHandler exchange = new ExchangeHandler(stage, metrics, offload);
        return server
                .connectionHandler(exchange::onConnection)
                .invalidRequestHandler(exchange::onInvalidRequest)
                .requestHandler(exchange)
                .listen(port, host);
    }
}
