package io.asyncworkbench.minimal;

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
 * Stage 1, the blog's first server: one thread accepts connections, parses requests, does the
 * CPU work and writes the responses. Its ceiling is therefore one core divided by the cost of a
 * request: with {@code --workload spin:160us} about 6,000 requests per second, the knee the
 * blog found. Every other stage is this class plus one idea.
 *
 * <pre>
 * java -jar minimal-single-thread/target/minimal-single-thread.jar --port 8080
 * curl -s http://127.0.0.1:8080/data    # {"street":"10 Downing Street","city":"Value: 99"}
 * </pre>
 */
@Command(name = "minimal-single-thread", mixinStandardHelpOptions = true, version = "async-http-workbench 0.1",
        description = "Stage 1: one event-loop thread accepts, parses, works and writes.")
public final class SingleThreadServer implements Callable<Integer> {

    static final String STAGE = "minimal-single-thread";

    @Mixin
    private ServerOptions options;

    public static void main(String[] args) {
        System.exit(CommandLines.run(new SingleThreadServer(), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        // Options.
        Transport transport = options.transport();
        HttpStage http = HttpStage.create(STAGE, options, 1);

        // Event loops. New in this stage: one thread does everything, the listening socket included.
        EventLoopGroup loop = transport.newEventLoopGroup(1, "loop");
        try {
            // Bootstrap.
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(loop)
                    .channel(transport.serverChannelClass())
                    .option(ChannelOption.SO_BACKLOG, options.backlog())
                    .childHandler(http.initializer(RequestExecutor.INLINE));

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
