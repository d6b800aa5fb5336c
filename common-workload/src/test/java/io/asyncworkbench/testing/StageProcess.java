package io.asyncworkbench.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stage's server jar running as a child process, as a user (or the experiment runner) starts it:
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
    public static final Pattern STARTUP_LINE = Pattern.compile(
            "listening on http://(\\S+):(\\d+) stage=(\\S+) transport=(epoll|io_uring|nio|blocking) threads=(\\d+)");

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final String startupLine;
    private final int port;
    private final Path stderr;
    private final List<String> stdout;

    private StageProcess(Process process, String startupLine, int port, Path stderr, List<String> stdout) {
        this.process = process;
        this.startupLine = startupLine;
        this.port = port;
        this.stderr = stderr;
        this.stdout = stdout;
    }

    /** The java that runs these tests: the same JDK runs the server. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Starts {@code jar} on a free port with {@code args} and waits for its startup line. */
    public static StageProcess start(Path jar, String... args) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn package (failsafe runs after it in mvn verify)");
        }
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-jar", jar.toString(), "--port", "0"));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile("stage-", ".err");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        List<String> stdout = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> startup = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    stdout.add(line);
                    if (STARTUP_LINE.matcher(line).find()) {
                        startup.complete(line);
                    }
                }
            } catch (IOException e) {
                startup.completeExceptionally(e);
            }
            startup.completeExceptionally(new IllegalStateException("server exited before its startup line"));
        }, "stage-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            String line = startup.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Matcher m = STARTUP_LINE.matcher(line);
            m.find();
            return new StageProcess(process, line, Integer.parseInt(m.group(2)), stderr, stdout);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not start: " + e.getMessage() + "; stderr: " + Files.readString(stderr), e);
        }
    }

    public int port() {
        return port;
    }

    public String startupLine() {
        return startupLine;
    }

    public java.net.URI uri(String path) {
        return java.net.URI.create("http://127.0.0.1:" + port + path);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the server wrote to stderr so far. */
    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** Sends SIGTERM and waits up to {@code timeout}; returns the exit status, or -1 if it had to be killed. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly().waitFor();
        return -1;
    }

    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                terminate(Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
