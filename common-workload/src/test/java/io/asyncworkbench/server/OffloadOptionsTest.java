package io.asyncworkbench.server;

import io.asyncworkbench.cli.CommandLines;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OffloadOptionsTest {

    /** A stage that takes the offload flags and prints what it would run. */
    @Command(name = "demo-offload")
    static final class Demo implements Callable<Integer> {
        @Mixin
        OffloadOptions offloadOptions;
        String seen;

        @Override
        public Integer call() {
            seen = offloadOptions.ioThreads() + " io, " + offloadOptions.workerThreads() + " workers, queue " + offloadOptions.queue();
            return 0;
        }
    }

    @Test
    void shouldTakeTheGivenCounts_whenValid() {
        assertEquals("2 io, 3 workers, queue 0", run("--io-threads", "2", "--workers", "3", "--queue", "0"));
        assertEquals("1 io, 0 workers, queue 1024", run("--inline", "--workers", "3"));
    }

    @Test
    void shouldLeaveTheIoThreadsTheirProcessors_whenWorkersAreNotGiven() {
        int expected = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        assertEquals("1 io, " + expected + " workers, queue 1024", run());
    }

    @Test
    void shouldPrintOneLineInTheStagesName_andExitWithUsageError_whenACountIsOutOfRange() {
        assertEquals("demo-offload: --workers must be at least 1, was 0 (see --help)", run("--workers", "0"));
        assertEquals("demo-offload: --queue must be 0 or more, was -1 (see --help)", run("--queue", "-1"));
        assertEquals("demo-offload: --io-threads must be at least 1, was 0 (see --help)", run("--io-threads", "0", "--inline"));
    }

    /** What the demo ran, or its one-line error (after checking the exit status). */
    private static String run(String... args) {
        Demo demo = new Demo();
        StringWriter err = new StringWriter();
        int status = CommandLines.create(demo).setErr(new PrintWriter(err)).execute(args);
        assertEquals(demo.seen == null ? CommandLines.USAGE_ERROR : 0, status, err.toString());
        return demo.seen != null ? demo.seen : err.toString().strip();
    }
}
