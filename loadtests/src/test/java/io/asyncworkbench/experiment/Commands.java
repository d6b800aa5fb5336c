package io.asyncworkbench.experiment;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program to its end within a deadline, with no input and its output collected: how
 * {@link SimulatedHosts} and its test call {@code ip}, {@code ssh} and {@code ssh-keygen}.
 *
 * <pre>{@code
 * Commands.Result r = Commands.run(List.of("ssh", "-F", config, "wbhost1", "true"), Duration.ofSeconds(10));
 * if (r.status() != 0) System.out.println(r.firstErrorLine());
 * }</pre>
 */
final class Commands {

    /** What a finished program left: its exit status and its two outputs. */
    record Result(List<String> command, int status, String out, String err) {

        /** The first line of the error output, or the exit status when there is none. */
        String firstErrorLine() {
            return err.lines().findFirst().orElse("exit status " + status);
        }

        /** The standard output, or an exception naming the command and its first error line. */
        String checked() throws IOException {
            if (status != 0) {
                throw new IOException(String.join(" ", command) + ": " + firstErrorLine());
            }
            return out;
        }
    }

    private Commands() {
    }

    /** Runs {@code command}; fails only when it cannot start or does not end within {@code timeout}. */
    static Result run(List<String> command, Duration timeout) throws IOException {
        Path out = Files.createTempFile("command", ".out");
        Path err = Files.createTempFile("command", ".err");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IOException(String.join(" ", command) + ": no end within " + timeout.toMillis() + " ms");
            }
            return new Result(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + ": interrupted");
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs {@code command} within 10 s and returns its standard output; fails unless it exits with 0. */
    static String check(List<String> command) throws IOException {
        return run(command, Duration.ofSeconds(10)).checked();
    }
}
