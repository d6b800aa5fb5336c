package io.asyncworkbench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server jar running as a child process, started the way a user starts it, for the experiment
 * runner and the loopback tests: {@code [prefix...] java [jvm flags] -jar <stage>.jar --port 0 [args]}.
 * The prefix places it, e.g. {@code taskset -c 0 prlimit --nofile=100:100}; both programs exec
 * the next one, so {@link #pid()} is the JVM's.
 *
 * <p>Its stdout and stderr go to a log file. {@link #start} follows the log until the startup
 * line appears ({@code listening on http://HOST:PORT stage=... transport=... threads=N}) and
 * reads the real port from it; if the process exits first, or the line does not come in time,
 * the error quotes the end of the log.
 */
public final class ServerProcess implements AutoCloseable {

    /** The startup line every server prints once it listens. */
    public static final Pattern STARTUP_LINE = Pattern.compile(
            "listening on http://(\\S+):(\\d+) stage=(\\S+) transport=(epoll|io_uring|nio|blocking) threads=(\\d+)");

    /**
     * How the server is told to stop: SIGTERM to the process, or the end of its standard input,
     * for a server behind {@code ssh} (a signal to the local {@code ssh} never reaches the remote
     * program; a wrapper there turns the end of input into its SIGTERM, and the exit status comes back).
     */
    public enum Stop { SIGTERM, END_OF_INPUT }

    private final Process process;
    private final Stop stopBy;
    private final Path log;
    private final String startupLine;
    private final int port;

    private ServerProcess(Process process, Stop stopBy, Path log, String startupLine, int port) {
        this.process = process;
        this.stopBy = stopBy;
        this.log = log;
        this.startupLine = startupLine;
        this.port = port;
    }

    /** The java binary of this JVM: child servers run on the same JDK. */
    public static String currentJava() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * Starts {@code command} (the full command line, ending with the server's flags; it should
     * include {@code --port 0}), logging to {@code log}, and waits up to {@code timeout} for the startup line.
     */
    public static ServerProcess start(List<String> command, Path log, Duration timeout) throws IOException, InterruptedException {
        return start(command, Stop.SIGTERM, log, timeout);
    }

    /** As {@link #start(List, Path, Duration)}, stopped by {@code stopBy}. */
    public static ServerProcess start(List<String> command, Stop stopBy, Path log, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = STARTUP_LINE.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return new ServerProcess(process, stopBy, log, m.group(), Integer.parseInt(m.group(2)));
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "no startup line within " + timeout.toSeconds() + " s" : "it exited with status " + process.exitValue();
                process.destroyForcibly();
                throw new IOException("the server did not start (" + why + "); the end of its log " + log + ":\n" + tail(log, 8));
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    public int port() {
        return port;
    }

    public String startupLine() {
        return startupLine;
    }

    /** The threads the server says it runs ({@code threads=N} of its startup line). */
    public int threads() {
        Matcher m = STARTUP_LINE.matcher(startupLine);
        return m.find() ? Integer.parseInt(m.group(5)) : 0;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Tells the server to stop and waits up to {@code grace}; returns the exit status, or -1 if it had to be killed. */
    public int stop(Duration grace) throws InterruptedException {
        if (stopBy == Stop.END_OF_INPUT) {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                process.destroy(); // The input is gone already: the signal ends the connection, and the remote end stops the server.
            }
        } else {
            process.destroy();
        }
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly().waitFor();
        return -1;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stop(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The last {@code lines} lines of {@code file}, for error messages. */
    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
