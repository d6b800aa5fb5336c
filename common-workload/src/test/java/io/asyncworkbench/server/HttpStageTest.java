package io.asyncworkbench.server;

import io.asyncworkbench.cli.CommandLines;
import io.asyncworkbench.process.ServerProcess;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpStageTest {

    @Command(name = "demo")
    static final class Demo implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

        @Override
        public Integer call() {
            HttpStage.create("demo", options, 3, new PrintStream(stdout, true, StandardCharsets.UTF_8)).announce(8080);
            return 0;
        }
    }

    @Test
    void announce_shouldPrintTheLineRunnersWaitFor_withTheGivenPort() {
        String line = announced("--host", "127.0.0.1", "--transport", "nio");

        assertEquals("listening on http://127.0.0.1:8080 stage=demo transport=nio threads=3", line);
        assertTrue(ServerProcess.STARTUP_LINE.matcher(line).matches(), line);
    }

    @Test
    void announce_shouldBracketTheHost_whenItIsIPv6() {
        String line = announced("--host", "::1", "--transport", "nio");

        assertEquals("listening on http://[::1]:8080 stage=demo transport=nio threads=3", line);
        assertTrue(ServerProcess.STARTUP_LINE.matcher(line).matches(), line);
    }

    private static String announced(String... args) {
        Demo demo = new Demo();
        assertEquals(0, CommandLines.run(demo, args));
        return demo.stdout.toString(StandardCharsets.UTF_8).strip();
    }
}
