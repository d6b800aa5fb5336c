package io.asyncworkbench.hardened;

import io.asyncworkbench.cli.CommandLines;
import io.asyncworkbench.http.RequestExecutor;
import io.asyncworkbench.server.HttpStage;
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
 * Stage 4, the accept-loop chapter: stage 1's one-thread server with an accept loop fit for
 * production. Accept errors are sorted (a peer that gave up is skipped; running out of file
 * descriptors pauses accepting with backoff and logs once, with a hint), open connections are
 * capped, and slow or idle clients are timed out, so that {@code ulimit -n 100} and
 * {@code wrk -c 1000} neither crash it, nor spin it, nor leave it deaf afterwards.
 *
 * <pre>
 * (ulimit -n 100; java -jar accept-loop-hardened/target/accept-loop-hardened.jar --port 8080)
 * wrk -c 1000 -d 10s http://127.0.0.1:8080/data     # then: curl -s http://127.0.0.1:8080/data
 * </pre>
 *
 * {@code --naive} is the same server with no accept policy at all, for the comparison.
 */
@Command(name = "accept-loop-hardened", mixinStandardHelpOptions = true, version = "async-http-workbench 0.1",
        description = "Stage 4: an accept loop that survives fd exhaustion, caps its connections and outlasts slow clients.")
public final class HardenedServer implements Callable<Integer> {

    static final String STAGE = "accept-loop-hardened";

    @Mixin
    private ServerOptions options;

    @Mixin
    private AcceptLoopOptions acceptLoop;

    public static void main(String[] args) {
        System.exit(CommandLines.run(new HardenedServer(), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        // Options.
        Transport transport = options.transport();
        HttpStage http = HttpStage.create(STAGE, options, 1);

        // Event loops.
        EventLoopGroup loop = transport.newEventLoopGroup(1, "loop");
        try {
            // Bootstrap. New in this stage: a handler on the listening socket, ahead of Netty's acceptor, decides
            // what an accept error or a full house costs, and deadlines wrap each connection's pipeline.
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(loop)
                    .channel(transport.serverChannelClass())
                    .option(ChannelOption.SO_BACKLOG, options.backlog())
                    .handler(acceptLoop.acceptHandler(http.metrics()))
                    .childHandler(acceptLoop.childHandler(http.initializer(RequestExecutor.INLINE), http.metrics()));

            // Bind.
            Channel listener = bootstrap.bind(options.host(), options.port()).sync().channel();

            // Listening.
            http.announce(listener);

            // Wait for close (SIGTERM), then let requests in flight finish.
            http.awaitShutdown(List.of(listener), options.shutdownGrace());
        } finally {
            // Shut down gracefully.
            loop.shutdownGracefully(0, options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS).sync();
        }
        return 0;
    }
}
