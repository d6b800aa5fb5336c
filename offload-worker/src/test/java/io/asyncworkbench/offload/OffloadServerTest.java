package io.asyncworkbench.offload;

import io.asyncworkbench.cli.CommandLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stage's own flags, checked in-process: a count out of range is a usage error, before anything starts. */
@Timeout(30)
class OffloadServerTest {

    @Test
    void badCounts_shouldPrintOneLine_andExitWithUsageError() {
        assertUsageError("offload-worker: --workers must be at least 1, was 0 (see --help)", "--workers", "0");
        assertUsageError("offload-worker: --queue must be 0 or more, was -1 (see --help)", "--queue", "-1");
        assertUsageError("offload-worker: --io-threads must be at least 1, was 0 (see --help)", "--io-threads", "0", "--inline");
    }

    private static void assertUsageError(String expected, String... args) {
        StringWriter err = new StringWriter();
        int status = CommandLines.create(new OffloadServer()).setErr(new PrintWriter(err)).execute(args);
        assertEquals(CommandLines.USAGE_ERROR, status, err.toString());
        assertEquals(expected, err.toString().strip());
    }
}
