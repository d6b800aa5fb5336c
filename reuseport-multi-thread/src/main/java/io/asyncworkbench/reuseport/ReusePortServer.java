package io.asyncworkbench.reuseport;

import io.asyncworkbench.cli.CommandLines;
import io.asyncworkbench.http.RequestExecutor;
import io.asyncworkbench.server.HttpStage;
import io.asyncworkbench.server.ServerOptions;
import io.asyncworkbench.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Stage 2, the blog's {@code ts1}: N threads, each a complete stage-1 server with its own
 * listening socket, all bound to one port with {@code SO_REUSEPORT}. The kernel, not a Java
 * thread, picks the socket for each new connection (by a hash of its addresses and ports), so
 * nothing is shared between the threads and the ceiling grows with the cores: the blog measured
 * ~6k, ~11k and ~20k req/s with 1, 2 and 4 threads.
 *
 * <pre>
 * java -jar reuseport-multi-thread/target/reuseport-multi-thread.jar --port 8080 --threads 2
 * ss -ltn 'sport = :8080'    # two listening sockets on one port
 * curl -s http://127.0.0.1:8080/metrics | grep accepted    # one line per thread: loop-0, loop-1
 * </pre>
 *
 * {@code --no-reuseport} is the comparison: one listening socket, on {@code loop-0}, whose
 * connections Netty hands round-robin to all N loops (so one thread does every accept).
 */
@Command(name = "reuseport-multi-thread", mixinStandardHelpOptions = true, version = "async-http-workbench 0.1",
        description = "Stage 2: N event loops, each with its own listening socket on the same port (SO_REUSEPORT).")
public final class ReusePortServer implements Callable<Integer> {

    static final String STAGE = "reuseport-multi-thread";

    @Mixin
    private ServerOptions options;

    @Option(names = "--threads", paramLabel = "N",
            description = "Event loop threads, each with its own listening socket (default: available processors, ${DEFAULT-VALUE} here).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-reuseport",
            description = "One listening socket, its connections handed round-robin to the N loops (the comparison).")
    private boolean noReusePort;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(CommandLines.run(new ReusePortServer(), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        // Options.
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, was " + threads);
        }
        Transport transport = options.transport();
        HttpStage http = HttpStage.create(STAGE, options, threads);

        // Event loops. New in this stage: N threads, each accepting on its own socket and serving
        // what it accepted, so the kernel spreads the connections and the threads share nothing.
        EventLoopGroup loop = transport.newEventLoopGroup(threads, "loop");
        try {
            // Bootstrap: one per loop, with SO_REUSEPORT; or one for all (--no-reuseport).
            List<ServerBootstrap> bootstraps = new ArrayList<>();
            if (noReusePort) {
                bootstraps.add(bootstrap(http, loop));
            } else {
                for (EventExecutor each : loop) {
                    bootstraps.add(bootstrap(http, (EventLoop) each).option(transport.reusePortOption(), true));
                }
            }

            // Bind: the first to --port (0 picks a free one), the others to the port it got.
            List<Channel> listeners = new ArrayList<>();
            int port = options.port();
            for (ServerBootstrap bootstrap : bootstraps) {
                Channel listener = bootstrap.bind(options.host(), port).sync().channel();
                port = ((InetSocketAddress) listener.localAddress()).getPort();
                listeners.add(listener);
            }

            // Listening.
            http.announce(listeners.get(0));

            // Wait for close (SIGTERM), then let requests in flight finish.
            http.awaitShutdown(listeners, options.shutdownGrace());
        } finally {
            // Shut down gracefully.
            loop.shutdownGracefully(0, options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS).sync();
        }
        return 0;
    }

    /** A bootstrap whose listening socket and connections all live on {@code group}. */
    private ServerBootstrap bootstrap(HttpStage http, EventLoopGroup group) {
        return new ServerBootstrap()
                .group(group, group)
                .channel(http.transport().serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, options.backlog())
                .childHandler(http.initializer(RequestExecutor.INLINE));
    }
}
