package io.asyncworkbench.hardened;

import io.asyncworkbench.testing.StageProcess;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * A stage jar started under an open-file limit: {@code prlimit --nofile=N:N java -jar ...}.
 *
 * <p>Soft and hard limit both: the JVM raises a soft limit to the hard one when it starts
 * ({@code -XX:+MaxFDLimit}), so lowering only the soft one would not stick. {@code prlimit} sets
 * the limit and then execs java, so {@link #pid} is the server's. The rest is {@link StageProcess}.
 */
final class FdLimitedStage implements AutoCloseable {

    private final StageProcess process;

    private FdLimitedStage(StageProcess process) {
        this.process = process;
    }

    /** Starts {@code jar} on a free port under an open-file limit of {@code nofile} and waits for its startup line. */
    static FdLimitedStage start(int nofile, java.nio.file.Path jar, String... args) throws IOException, InterruptedException {
        return new FdLimitedStage(StageProcess.startWith(List.of("prlimit", "--nofile=" + nofile + ":" + nofile), jar, args));
    }

    int port() {
        return process.port();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    URI uri(String path) {
        return process.uri(path);
    }

    /** The lines the server wrote so far (stdout and stderr). */
    List<String> stderrLines() throws IOException {
        return process.stderr().lines().toList();
    }

    @Override
    public void close() throws IOException {
        process.close();
    }
}
