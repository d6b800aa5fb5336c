package io.asyncworkbench.load;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files that appear whole or not at all: written under a temporary name beside the target, then
 * renamed onto it, so a reader (or a crash, or Ctrl-C) never sees half a summary or half a log.
 * {@code run.hlog} is written as {@code .run.hlog.partial} and renamed when complete.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /** The temporary name {@code target} is written under; creates the directory it lives in. */
    static Path partial(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        return absolute.resolveSibling("." + absolute.getFileName() + ".partial");
    }

    /** Renames the finished {@link #partial} file onto {@code target}. */
    static void publish(Path target) throws IOException {
        Path from = partial(target);
        try {
            Files.move(from, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, target.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes {@code bytes} to {@code target} through its partial file. */
    static void write(Path target, byte[] bytes) throws IOException {
        Files.write(partial(target), bytes);
        publish(target);
    }
}
