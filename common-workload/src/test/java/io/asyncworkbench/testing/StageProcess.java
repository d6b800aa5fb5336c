package io.asyncworkbench.testing;

import io.asyncworkbench.process.ServerProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A stage's server jar running as a child process for a loopback test, as a user starts it:
 * {@code java -jar <stage>.jar --port 0 ...}. {@link #start} waits for the startup line and reads
 * the real port from it; {@link #close} sends SIGTERM and waits for the exit.
 *
 * <pre>{@code
 * try (StageProcess server = StageProcess.start(Path.of("target/minimal-single-thread.jar"), "--workload", "spin:1ms")) {
 *     URI data = server.uri("/data");
 * }
 * }</pre>
 */
public final class StageProcess implements AutoCloseable {

    /** {@code listening on http://HOST:PORT stage=NAME transport=T threads=N}. */
    public static final Pattern STARTUP_LINE = ServerProcess.STARTUP_LINE;

    private final ServerProcess server;

    private StageProcess(ServerProcess server) {
        this.server = server;
    }

    /** The java that runs these tests: the same JDK runs the server. */
    public static String java() {
        return ServerProcess.currentJava();
    }

    /** Starts {@code jar} on a free port with {@code args} and waits for its startup line. */
    public static StageProcess start(Path jar, String... args) throws IOException, InterruptedException {
        return startWith(List.of(), jar, args);
    }

    /** The same, with a launch prefix such as {@code prlimit --nofile=100:100}. */
    public static StageProcess startWith(List<String> prefix, Path jar, String... args) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn package (failsafe runs after it in mvn verify)");
        }
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(java(), "-Xmx256m", "-jar", jar.toString(), "--port", "0"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("stage-", ".log");
        return new StageProcess(ServerProcess.start(command, log, Duration.ofSeconds(30)));
    }

    public int port() {
        return server.port();
    }

    public String startupLine() {
        return server.startupLine();
    }

    public java.net.URI uri(String path) {
        return java.net.URI.create("http://127.0.0.1:" + port() + path);
    }

    public long pid() {
        return server.pid();
    }

    public boolean isAlive() {
        return server.isAlive();
    }

    /** What the server wrote to stdout and stderr so far. */
    public String stderr() throws IOException {
        return Files.readString(server.log());
    }

    /** Sends SIGTERM and waits up to {@code timeout}; returns the exit status, or -1 if it had to be killed. */
    public int terminate(Duration timeout) throws InterruptedException {
        return server.stop(timeout);
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(server.log());
    }
}
