package io.asyncworkbench.server;

import io.asyncworkbench.cli.Durations;
import io.asyncworkbench.http.HttpLimits;
import io.asyncworkbench.transport.Transport;
import io.asyncworkbench.workload.Workload;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * The flags every server jar takes (DESIGN.md, "Every server jar"); a stage adds its own beside
 * them with {@code @Mixin ServerOptions options}.
 */
public final class ServerOptions {

    @Option(names = "--host", defaultValue = "0.0.0.0", paramLabel = "ADDR",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--workload", defaultValue = "faithful", paramLabel = "SPEC", converter = Workload.Converter.class,
            description = "CPU work per GET /data: faithful[:iterations] (the blog's cpu_intensive_work, 100 iterations)"
                    + " or spin:<duration> (burns that much CPU time, e.g. spin:4ms). Default: ${DEFAULT-VALUE}.")
    private Workload workload;

    @Option(names = "--transport", defaultValue = "auto", paramLabel = "KIND", converter = Transport.Converter.class,
            description = "auto|epoll|io_uring|nio; auto is epoll where it loads, else nio (default: ${DEFAULT-VALUE}).")
    private Transport transport;

    @Option(names = "--backlog", defaultValue = "1024", paramLabel = "N",
            description = "Listen queue length asked of the kernel (default: ${DEFAULT-VALUE}).")
    private int backlog;

    @Option(names = "--max-request-line", defaultValue = "4096", paramLabel = "BYTES",
            description = "Longest request line; longer gets 414 (default: ${DEFAULT-VALUE}).")
    private int maxRequestLine;

    @Option(names = "--max-header-size", defaultValue = "8192", paramLabel = "BYTES",
            description = "Largest header block; larger gets 431 (default: ${DEFAULT-VALUE}).")
    private int maxHeaderSize;

    @Option(names = "--max-body-size", defaultValue = "65536", paramLabel = "BYTES",
            description = "Largest request body; larger gets 413 (default: ${DEFAULT-VALUE}).")
    private long maxBodySize;

    @Option(names = "--shutdown-grace", defaultValue = "5s", paramLabel = "DURATION", converter = Durations.Converter.class,
            description = "On SIGTERM, how long requests in flight may take to finish (default: ${DEFAULT-VALUE}).")
    private Duration shutdownGrace;

    public String host() {
        return host;
    }

    public int port() {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0 to 65535, was " + port);
        }
        return port;
    }

    public Workload workload() {
        return workload;
    }

    /** The transport to run on, resolved ({@code auto} has become epoll or nio). */
    public Transport transport() {
        return transport.resolve();
    }

    public int backlog() {
        return backlog;
    }

    public HttpLimits limits() {
        return new HttpLimits(maxRequestLine, maxHeaderSize, maxBodySize);
    }

    public Duration shutdownGrace() {
        return shutdownGrace;
    }
}
