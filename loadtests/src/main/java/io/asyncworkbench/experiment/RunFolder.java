package io.asyncworkbench.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The folder one run writes: {@code results/runs/<experiment>/<UTC start>/}, written once.
 *
 * <p>Everything is written under a temporary name, {@code .tmp-<UTC start>}, beside the final
 * one; {@link #commit()} renames it when the run is complete, so a folder without the dot prefix
 * is always whole. A run that fails or is interrupted calls {@link #abandon()}: its partial
 * files move to {@code .failed-<UTC start>} (the renderer skips dot folders, git ignores them)
 * and the runner tells the user where they are.
 *
 * <pre>{@code
 * RunFolder run = RunFolder.create(Path.of("results/runs"), "part3-offload", Instant.now());
 * Files.writeString(run.file("steps.csv"), csv);
 * Path done = run.commit();   // results/runs/part3-offload/20261126T150102Z
 * }</pre>
 */
public final class RunFolder {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path temporary;
    private final Path target;
    private boolean finished;

    private RunFolder(Path temporary, Path target) {
        this.temporary = temporary;
        this.target = target;
    }

    /** Creates the temporary folder for a run of {@code experiment} started at {@code start}. */
    public static RunFolder create(Path runsRoot, String experiment, Instant start) throws IOException {
        Path parent = runsRoot.resolve(experiment);
        String stamp = STAMP.format(start);
        Path target = parent.resolve(stamp);
        if (Files.exists(target)) {
            throw new IOException("a run folder already exists: " + target);
        }
        Path temporary = Files.createDirectories(parent.resolve(".tmp-" + stamp));
        return new RunFolder(temporary, target);
    }

    /** The folder the run's files are written to (the temporary one until {@link #commit()}). */
    public Path directory() {
        return file("").toAbsolutePath();
    }

    /** A file of this run (in the temporary folder until {@link #commit()}). */
    public Path file(String name) {
        if (finished) {
            throw new IllegalStateException("the run folder is already " + (Files.exists(target) ? "committed" : "abandoned"));
        }
        return temporary.resolve(name);
    }

    /** Where the files are being written now. */
    public Path temporary() {
        return temporary;
    }

    /** Renames the complete run to its final name and returns it. */
    public Path commit() {
        finished = true;
        try {
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not complete the run folder " + target, e);
        }
    }

    /** Moves a failed run's partial files aside; returns where they are (or the temporary folder if the move failed). */
    public Path abandon() {
        if (finished) {
            return target;
        }
        finished = true;
        Path failed = temporary.resolveSibling(".failed-" + target.getFileName());
        try {
            Files.move(temporary, failed, StandardCopyOption.ATOMIC_MOVE);
            return failed;
        } catch (IOException e) {
            return temporary;
        }
    }
}
