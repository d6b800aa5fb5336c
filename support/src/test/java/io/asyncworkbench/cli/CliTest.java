package io.asyncworkbench.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {

    @Command(name = "demo")
    static final class Demo implements Callable<Integer> {
        @Option(names = "--port")
        int port;
        @Option(names = "--wait")
        Duration wait = Duration.ZERO;

        @Override
        public Integer call() {
            if (port == 13) {
                throw new IllegalStateException("unlucky port");
            }
            return 0;
        }
    }

    @Test
    void durations_shouldParseEveryUnit() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofNanos(160_000), Durations.parse("160us"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofNanos(7), Durations.parse("7ns"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("30"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon"));
    }

    @Test
    void durations_shouldFormatInTheLargestWholeUnit() {
        assertEquals("4ms", Durations.format(Duration.ofMillis(4)));
        assertEquals("160us", Durations.format(Duration.ofNanos(160_000)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("30s", Durations.format(Duration.ofSeconds(30)));
        assertEquals("2m", Durations.format(Duration.ofSeconds(120)));
    }

    @Test
    void run_shouldPrintOneLineAndExit2_whenAFlagIsBad() {
        StringWriter err = new StringWriter();
        int status = CommandLines.create(new Demo()).setErr(new PrintWriter(err)).execute("--port", "abc");
        assertEquals(CommandLines.USAGE_ERROR, status);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("demo: Invalid value for option '--port'"), err.toString());

        err.getBuffer().setLength(0);
        assertEquals(CommandLines.USAGE_ERROR, CommandLines.create(new Demo()).setErr(new PrintWriter(err)).execute("--wait", "soon"));
        assertTrue(err.toString().contains("'soon' is not a duration"), err.toString());
    }

    @Test
    void run_shouldPrintOneLineAndExit1_whenTheCommandFails() {
        StringWriter err = new StringWriter();
        int status = CommandLines.create(new Demo()).setErr(new PrintWriter(err)).execute("--port", "13");
        assertEquals(1, status);
        assertEquals("demo: unlucky port", err.toString().strip());
    }
}
