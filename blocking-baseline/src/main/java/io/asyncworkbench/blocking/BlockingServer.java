package io.asyncworkbench.blocking;

import io.asyncworkbench.cli.CommandLines;
import io.asyncworkbench.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * The book's blocking server, in Java: a thread per connection that blocks in {@code read()} and
 * {@code write()}, with no event loop at all. The book forked a process per connection and
 * peaked near 500 req/s at 250 users; here the connection threads are either a pool of platform
 * threads (like a pre-forked server: with every thread busy, new connections wait) or a virtual
 * thread each (cheap enough that thread-per-connection scales like an event loop). Parsing is the
 * shared Netty pipeline run inside each connection's thread (see {@link BlockingConnection}), so
 * only the threading differs from the other stages.
 *
 * <pre>
 * java -jar blocking-baseline/target/blocking-baseline.jar --port 8080 --threads virtual
 * curl -s http://127.0.0.1:8080/data    # {"street":"10 Downing Street","city":"Value: 99"}
 * </pre>
 */
@Command(name = "blocking-baseline", mixinStandardHelpOptions = true, version = "async-http-workbench 0.1",
        description = "The book's blocking server: a thread per connection, platform or virtual. "
                + "--transport does not apply (blocking java.net sockets) and is ignored.")
public final class BlockingServer implements Callable<Integer> {

    static final String STAGE = "blocking-baseline";

    @Mixin
    private ServerOptions options;

    @Option(names = "--threads", defaultValue = "platform", paramLabel = "KIND", converter = ThreadKind.Converter.class,
            description = "platform (a pool of --max-threads) or virtual (one virtual thread per connection). Default: ${DEFAULT-VALUE}.")
    private ThreadKind threads;

    @Option(names = "--max-threads", defaultValue = "200", paramLabel = "N",
            description = "Platform threads, so connections served at once; more wait in the listen backlog (default: ${DEFAULT-VALUE}).")
    private int maxThreads;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(CommandLines.run(new BlockingServer(), args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        // Options.
        if (maxThreads < 1) {
            throw new IllegalArgumentException("--max-threads must be at least 1, was " + maxThreads);
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--transport")) {
            System.err.println(STAGE + ": --transport ignored: this stage uses blocking java.net sockets");
        }
        BlockingStage http = BlockingStage.create(STAGE, options, threads, threads.runningThreads(maxThreads));

        // Threads. New in this stage: no event loop; each connection gets a thread of its own that
        // blocks in read() and write(), from a pool of platform threads or a new virtual thread.
        ExecutorService connectionThreads = threads.newExecutor(maxThreads);
        try (ServerSocket listener = new ServerSocket()) {
            // Server socket.
            listener.setReuseAddress(true);

            // Bind.
            listener.bind(new InetSocketAddress(options.host(), options.port()), options.backlog());

            // Listening.
            http.announce(listener);

            // Wait for close: accept on this thread until SIGTERM closes the listener.
            http.closeOnSignal(listener);
            http.acceptLoop(listener, connectionThreads, threads.maxConnections(maxThreads)).run();
        } finally {
            // Shut down gracefully: requests in flight finish, then the connections close.
            http.drain(connectionThreads, options.shutdownGrace());
        }
        return 0;
    }
}
