package io.asyncworkbench.report;

import java.nio.file.Path;

/**
 * A run folder that cannot be rendered: a file is missing or does not read as the run format
 * ({@code docs/run-format.md}) says. The message is one line that names the file, e.g.
 * {@code results/runs/part3-offload/20261126T150102Z/steps.csv: line 4: p99_ms 'abc' is not a number},
 * so the report can print it and go on with the other runs.
 */
public final class DamagedRunException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A problem with {@code file} as a whole. */
    public DamagedRunException(Path file, String problem) {
        super(display(file) + ": " + problem);
    }

    /** A problem on one line of {@code file}. */
    public DamagedRunException(Path file, int line, String problem) {
        super(display(file) + ": line " + line + ": " + problem);
    }

    /** {@code path} relative to the working directory when it lies below it, with forward slashes. */
    static String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        Path shown = absolute.startsWith(here) ? here.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }
}
