package io.asyncworkbench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asyncworkbench.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.asyncworkbench.load.ControlledServer.Behaviour.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM (as Ctrl-C) stops sending, and the summary of what ran is still printed and written:
 * an open-model run and a closed-model run whose users loop until the end, side by side.
 */
@Timeout(40)
class SignalIT {

    @TempDir
    Path dir;

    /** One generator process and the files it writes. */
    private record Generator(Process process, Path json, Path out, Path err) {

        static Generator start(Path dir, String name, String url, String... model) throws IOException {
            Path json = dir.resolve(name + ".json");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), WorkbenchCommand.class.getName(),
                    "load", "--url", url, "--duration", "60s", "--json", json.toString()));
            command.addAll(List.of(model));
            Path out = dir.resolve(name + ".out");
            Path err = dir.resolve(name + ".err");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new Generator(p, json, out, err);
        }

        boolean reported(String progress) throws IOException {
            return Files.readString(err).contains(progress);
        }

        Summary terminateAndRead() throws Exception {
            try {
                process.destroy();
                assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the generator exits after SIGTERM");
            } finally {
                process.destroyForcibly();
            }
            assertEquals(143, process.exitValue(), Files.readString(err));
            assertTrue(Files.readString(out).contains("achieved rate"), Files.readString(out));
            return new ObjectMapper().readValue(json.toFile(), Summary.class);
        }
    }

    @Test
    void shouldSummariseWhatRan_whenTerminatedMidRun() throws Exception {
        try (ControlledServer server = ControlledServer.start(OK)) {
            Generator open = Generator.start(dir, "open", server.url(), "--rate", "200");
            Generator closed = Generator.start(dir, "closed", server.url(), "--users", "4");
            try {
                // Wait for two progress lines of each, then terminate both.
                Await.until(Duration.ofSeconds(25), "both generators report their second second",
                        () -> open.reported("   2s/60s") && closed.reported("   2s/60s"));
            } finally {
                open.process().destroy();
                closed.process().destroy();
            }

            Summary o = open.terminateAndRead();
            assertTrue(o.windowSeconds() >= 2 && o.windowSeconds() < 20, "window " + o.windowSeconds());
            assertEquals(200 * o.windowSeconds(), o.requests(), 200 * o.windowSeconds() * 0.05 + 2);
            assertEquals(o.requests(), o.responses() + o.errorCount());

            Summary c = closed.terminateAndRead();
            assertTrue(c.windowSeconds() >= 2 && c.windowSeconds() < 20, "window " + c.windowSeconds());
            assertTrue(c.responses() > 0);
            assertEquals(c.requests(), c.responses() + c.errorCount());
        }
    }
}
