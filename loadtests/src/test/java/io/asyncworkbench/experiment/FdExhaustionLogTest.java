package io.asyncworkbench.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FdExhaustionLogTest {

    @TempDir
    Path dir;

    @Test
    void countsEachStepsOwnLinesThatNameEmfileByPhase() throws IOException {
        Path log = dir.resolve("hardened.server.log");
        Files.writeString(log, "listening on http://127.0.0.1:4711 stage=accept-loop-hardened\n");
        FdExhaustionLog counted = new FdExhaustionLog(log);

        counted.stepStarts();
        append(log, "accept-loop: accept() failed: EMFILE (Too many open files); stopped accepting\n"
                + "accept-loop: accepting again after 480ms; 3 failed accepts in between were not logged.\n");
        counted.stepEnded("idle-storm");
        counted.stepStarts();
        counted.stepEnded("idle-storm");
        counted.stepStarts();
        append(log, "io.netty.channel.unix.Errors$NativeIoException: accept(..) failed with error(-24): Too many open files\n"
                + "\tat io.netty.channel.unix.Errors.newIOException(Errors.java:117)\n"
                + "accept-loop (naive): accept() failed: accept(..) failed with error(-24): Too many open files; accepting again at once\n");
        counted.stepEnded("load-storm");

        assertEquals(Map.of("idle-storm", List.of(1L, 0L), "load-storm", List.of(2L)), counted.linesByPhase());
        assertEquals(List.of("idle-storm", "load-storm"), List.copyOf(counted.linesByPhase().keySet()));
    }

    @Test
    void aServerThatWroteNoLogYetCountsNothing() throws IOException {
        FdExhaustionLog counted = new FdExhaustionLog(dir.resolve("missing.server.log"));
        counted.stepStarts();
        counted.stepEnded("idle-storm");
        assertEquals(Map.of("idle-storm", List.of(0L)), counted.linesByPhase());
    }

    private static void append(Path log, String text) throws IOException {
        Files.writeString(log, text, StandardOpenOption.APPEND);
    }
}
