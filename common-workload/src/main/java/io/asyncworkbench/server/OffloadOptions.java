package io.asyncworkbench.server;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags of the offload stages (Part 3), where event loops accept, parse and write and the CPU
 * work runs on a bounded pool of workers; a stage adds them beside {@link ServerOptions} with
 * {@code @Mixin OffloadOptions offloadOptions}, so the Netty and the Vert.x stage take the same
 * flags with the same defaults:
 *
 * <pre>
 * --io-threads 1 --workers 2 --queue 1024   # 1 event loop, 2 workers, 1,024 requests may wait
 * --inline                                  # the work on the event loop, as stage 1 does (the "before")
 * </pre>
 *
 * A value out of range is a usage error in the stage's name, e.g.
 * {@code offload-worker: --workers must be at least 1, was 0 (see --help)}.
 */
public final class OffloadOptions {

    @Option(names = "--io-threads", defaultValue = "1", paramLabel = "N",
            description = "Event loop threads that accept, parse and write (default: ${DEFAULT-VALUE}).")
    private int ioThreads;

    @Option(names = "--workers", paramLabel = "N",
            description = "Worker threads for the CPU work (default: available processors minus IO threads, at least 1).")
    private Integer workers;

    @Option(names = "--queue", defaultValue = "1024", paramLabel = "N",
            description = "Requests that may wait for a worker; when full, 503 at once (default: ${DEFAULT-VALUE}).")
    private int queue;

    @Option(names = "--inline", description = "Do the work on the IO thread, as stage 1 does (the comparison).")
    private boolean inline;

    /** The stage's command, so that an error names the stage. */
    @Spec(Spec.Target.MIXEE)
    private CommandSpec stage;

    /** Event loop threads ({@code --io-threads}), at least 1. */
    public int ioThreads() {
        validate();
        return ioThreads;
    }

    /** {@code --workers}, or the processors the IO threads leave (at least 1), or 0 with {@code --inline}. */
    public int workerThreads() {
        validate();
        return inline ? 0 : requestedWorkers();
    }

    /** Requests that may wait for a worker ({@code --queue}); 0 or more. */
    public int queue() {
        validate();
        return queue;
    }

    /** Whether the work stays on the event loop ({@code --inline}). */
    public boolean inline() {
        return inline;
    }

    private int requestedWorkers() {
        return workers != null ? workers : Math.max(1, Runtime.getRuntime().availableProcessors() - ioThreads);
    }

    private void validate() {
        require(ioThreads >= 1, "--io-threads must be at least 1, was " + ioThreads);
        require(requestedWorkers() >= 1, "--workers must be at least 1, was " + requestedWorkers());
        require(queue >= 0, "--queue must be 0 or more, was " + queue);
    }

    private void require(boolean valid, String message) {
        if (!valid) {
            throw new ParameterException(stage.commandLine(), message);
        }
    }
}
