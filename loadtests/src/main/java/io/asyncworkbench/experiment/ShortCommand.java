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
 * A short command the runner needs the answer of ({@code ip netns add ...}, {@code ssh HOST mkdir
 * ...}, {@code scp ...}): run with no input, its standard output returned; a failure is one line,
 * the first line of its error output (or its exit status), for the caller to put in context.
 *
 * <pre>{@code
 * String out = ShortCommand.run(List.of("ip", "netns", "list"), Duration.ofSeconds(10));
 * }</pre>
 */
final class ShortCommand {

    private ShortCommand() {
    }

    /** Runs {@code command} for at most {@code timeout}; returns its standard output, or fails with one line. */
    static String run(List<String> command, Duration timeout) throws IOException {
        Path err = Files.createTempFile("command", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("no answer within " + timeout.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                String first = Files.readAllLines(err).stream().filter(l -> !l.isBlank()).findFirst()
                        .orElse("exit status " + p.exitValue());
                throw new IOException(first);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
