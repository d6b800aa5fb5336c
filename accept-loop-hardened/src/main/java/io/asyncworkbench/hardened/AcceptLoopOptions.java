package io.asyncworkbench.hardened;

import io.asyncworkbench.server.ErrorPathPreload;

import com.sun.management.UnixOperatingSystemMXBean;
import io.asyncworkbench.cli.Durations;
import io.asyncworkbench.metrics.ServerMetrics;
import io.netty.channel.ChannelHandler;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.Locale;

/**
 * The accept-loop stage's own flags, beside the common {@code ServerOptions}, and the two
 * handlers they build: {@link #acceptHandler} for the listening socket and {@link #childHandler}
 * for each accepted connection. {@code --naive} turns all of it off.
 */
public final class AcceptLoopOptions {

    /** What to do when accept fails because the process has no descriptor left. */
    public enum OnFdExhaustion { PAUSE, SHED }

    @Option(names = "--naive",
            description = "No accept policy at all (the \"before\"): errors are logged and accept() is retried at once; "
                    + "no limit, no timeouts. The other accept-loop flags are ignored.")
    private boolean naive;

    @Option(names = "--on-fd-exhaustion", defaultValue = "pause", paramLabel = "pause|shed", converter = OnFdExhaustionConverter.class,
            description = "On EMFILE/ENFILE: pause accepting with backoff, or shed (close a spare descriptor, accept and "
                    + "close pending connections so their clients fail fast). Default: ${DEFAULT-VALUE}.")
    private OnFdExhaustion onFdExhaustion;

    @Option(names = "--max-connections", defaultValue = "10000", paramLabel = "N",
            description = "Stop accepting at N open connections (0: no limit); new ones wait in the backlog. Default: ${DEFAULT-VALUE}.")
    private int maxConnections;

    @Option(names = "--accept-pause", defaultValue = "500ms", paramLabel = "DURATION", converter = Durations.Converter.class,
            description = "First pause after a resource shortage, doubled on each further one. Default: ${DEFAULT-VALUE}.")
    private Duration acceptPause;

    @Option(names = "--accept-pause-max", defaultValue = "2s", paramLabel = "DURATION", converter = Durations.Converter.class,
            description = "Longest pause. Out of descriptors, a closing connection ends the pause at once; this is the longest "
                    + "wait to notice descriptors freed otherwise. Default: ${DEFAULT-VALUE}.")
    private Duration acceptPauseMax;

    @Option(names = "--header-timeout", defaultValue = "10s", paramLabel = "DURATION", converter = Durations.Converter.class,
            description = "A request's headers must arrive within this; else 408 and close. Default: ${DEFAULT-VALUE}.")
    private Duration headerTimeout;

    @Option(names = "--idle-timeout", defaultValue = "60s", paramLabel = "DURATION", converter = Durations.Converter.class,
            description = "Close a keep-alive connection idle this long. Default: ${DEFAULT-VALUE}.")
    private Duration idleTimeout;

    /** The listening socket's handler: the {@link AcceptGuard}, or the {@link NaiveAcceptLoop}. */
    public ChannelHandler acceptHandler(ServerMetrics metrics) {
        if (naive) {
            return new NaiveAcceptLoop(metrics.accept());
        }
        requirePositive(headerTimeout, "--header-timeout");
        requirePositive(idleTimeout, "--idle-timeout");
        ErrorPathPreload.run();
        AcceptLog log = new AcceptLog(System.err, openFileLimit());
        SpareDescriptor spare = onFdExhaustion == OnFdExhaustion.SHED ? new SpareDescriptor() : null;
        return new AcceptGuard(new AcceptBackoff(acceptPause, acceptPauseMax), acceptPause, acceptPauseMax,
                new ConnectionLimiter(maxConnections, System::nanoTime), log, spare, metrics);
    }

    /** Each accepted connection's pipeline: {@code shared}, with the request deadlines around it unless naive. */
    public ChannelHandler childHandler(ChannelHandler shared, ServerMetrics metrics) {
        return naive ? shared : RequestTimeouts.around(shared, headerTimeout, idleTimeout, metrics);
    }

    /** The soft limit on open files, read now because it cannot be read once descriptors run out; -1 if unknown. */
    private static long openFileLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }

    private static void requirePositive(Duration duration, String flag) {
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(flag + " must be > 0, was " + Durations.format(duration));
        }
    }

    /** Parses {@code pause} or {@code shed}. */
    public static final class OnFdExhaustionConverter implements ITypeConverter<OnFdExhaustion> {
        @Override
        public OnFdExhaustion convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "pause" -> OnFdExhaustion.PAUSE;
                case "shed" -> OnFdExhaustion.SHED;
                default -> throw new TypeConversionException("expected pause or shed, was '" + value + "'");
            };
        }
    }
}
