package io.asyncworkbench.experiment;

import io.asyncworkbench.transport.Errno;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many lines a server logged about running out of file descriptors in each step, by the
 * step's phase: the accept-loop chapter asks that the error be logged, and not once per failed
 * accept. Every server says it the same way, because each prints the system's own message for
 * EMFILE: the naive loop once per failed accept, Netty's default policy once per failure it sees
 * (with a stack trace; it then stops accepting for a second), the hardened loop once per episode.
 *
 * <p>Example, the hardened loop's idle storm, three repetitions: {@code {"idle-storm": [1, 1, 1]}}.
 * A line is counted in the step during which it was written (from the log's size when the step
 * started to its size when the count is made, right after the step).
 */
final class FdExhaustionLog {

    /** The system's message for EMFILE, in every server's log line about it (ENFILE's begins with it). */
    static final String MARK = Errno.EMFILE.text();

    private final Path log;
    private final Map<String, List<Long>> linesByPhase = new LinkedHashMap<>();
    private long stepStartBytes;

    FdExhaustionLog(Path log) {
        this.log = log;
    }

    void stepStarts() throws IOException {
        stepStartBytes = Files.isRegularFile(log) ? Files.size(log) : 0;
    }

    /** Counts the step's lines and files them under {@code phase}. */
    void stepEnded(String phase) throws IOException {
        linesByPhase.computeIfAbsent(phase, p -> new ArrayList<>()).add(countSince(log, stepStartBytes));
    }

    /** Each phase's count per repetition, in the order the phases ran. */
    Map<String, List<Long>> linesByPhase() {
        return linesByPhase;
    }

    /** The lines of {@code log} from byte {@code from} on that contain {@link #MARK}. */
    static long countSince(Path log, long from) throws IOException {
        if (!Files.isRegularFile(log)) {
            return 0;
        }
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(Math.min(from, Files.size(log)));
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            return lines.lines().filter(line -> line.contains(MARK)).count();
        }
    }
}
