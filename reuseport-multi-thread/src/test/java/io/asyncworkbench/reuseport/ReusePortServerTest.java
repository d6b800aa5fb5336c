package io.asyncworkbench.reuseport;

import io.asyncworkbench.cli.CommandLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stage's own flag, checked in-process: a thread count below 1 is a usage error, before anything starts. */
@Timeout(30)
class ReusePortServerTest {

    @Test
    void badThreadCount_shouldPrintOneLine_andExitWithUsageError() {
        StringWriter err = new StringWriter();
        int status = CommandLines.create(new ReusePortServer()).setErr(new PrintWriter(err)).execute("--threads", "0");
        assertEquals(CommandLines.USAGE_ERROR, status, err.toString());
        assertEquals("reuseport-multi-thread: --threads must be at least 1, was 0 (see --help)", err.toString().strip());
    }
}
