package io.asyncworkbench.experiment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.asyncworkbench.load.Summary;
import io.asyncworkbench.process.ServerProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load generator of one series, as a process of its own: {@code [taskset -c LOAD_CPUS] java
 * FLAGS -jar loadtests.jar load-series}, the jar a user runs as {@code ./workbench load}. It lives
 * from the series' warm-up to its last step, so its JIT compiles once, and it runs alone on the
 * load CPUs: the runner itself stays on the server's CPUs. On a remote host the command runs
 * under {@code ssh} ({@link Host#command}); the protocol is the same.
 *
 * <pre>{@code
 * try (GeneratorProcess generator = GeneratorProcess.start(command, log)) {
 *     generator.send(List.of("--url", url, "--rate", "2000", "--duration", "3s", "--json", "step.json"));
 *     generator.awaitDone();
 * }
 * }</pre>
 */
final class GeneratorProcess implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Process process;
    private final PrintWriter requests;
    private final BufferedReader answers;
    private final Path log;

    private GeneratorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.requests = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * The JVM flags of the generator, chosen on purpose and recorded in meta.json: a fixed heap,
     * so that it neither grows nor shrinks during a step; the serial collector, which is what a
     * JVM on one CPU runs anyway, named so that two CPUs do not silently pick another; and the
     * servers' Netty flags (the generator is a Netty client).
     */
    static List<String> jvmFlags() {
        List<String> flags = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"));
        flags.addAll(JvmFlags.netty());
        return flags;
    }

    /** The program that runs a generator: {@code prefix java flags -jar loadtests.jar load-series}. */
    static List<String> command(List<String> prefix, String java, String loadtestsJar) {
        List<String> command = new ArrayList<>(prefix);
        command.add(java);
        command.addAll(jvmFlags());
        command.addAll(List.of("-jar", loadtestsJar, "load-series"));
        return command;
    }

    /** Starts the generator; its progress lines and summaries go to {@code log}. */
    static GeneratorProcess start(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new GeneratorProcess(process, log);
    }

    /** Starts one load with {@code args} ({@code workbench load} flags); {@link #awaitDone} waits for it. */
    void send(List<String> args) throws IOException {
        requests.println(JSON.writeValueAsString(args));
    }

    /** Waits until the load sent last has run; fails with the generator's one-line reason, or the end of its log. */
    void awaitDone() throws IOException {
        String answer = answers.readLine();
        if (answer == null) {
            throw new IOException("the load generator exited (status " + exitStatus() + "); the end of its log " + log + ":\n"
                    + ServerProcess.tail(log, 8));
        }
        if (!answer.equals("done")) {
            throw new IOException("the load generator " + answer + " (log: " + log + ")");
        }
    }

    /** Reads the summary a load wrote with {@code --json} and deletes the file. */
    static Summary readSummary(Path json) throws IOException {
        Summary summary = JSON.readValue(json.toFile(), Summary.class);
        Files.delete(json);
        return summary;
    }

    private String exitStatus() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    long pid() {
        return process.pid();
    }

    /** Ends the input, so the generator exits; kills it if it does not within 10 s. */
    @Override
    public void close() {
        requests.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
