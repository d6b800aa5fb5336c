package io.asyncworkbench.hardened;

import io.asyncworkbench.server.ErrorPathPreload;

import io.asyncworkbench.testing.StageProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wedge of stage 1, reproduced in a small child JVM (Netty issue 1328): with every descriptor
 * taken, the first warning logged through java.util.logging needs the time-zone rules file and
 * fails with an Error that kills an event loop thread. {@link ErrorPathPreload} at startup
 * prevents it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ErrorPathPreloadIT {

    @Test
    void shouldLogWithoutFreeDescriptors_whenTheErrorPathWasPreloaded() throws Exception {
        String output = runChild("preload");
        assertTrue(output.startsWith("logged"), output);
    }

    @Test
    void shouldFailToLog_whenNothingWasPreloaded() throws Exception {
        String output = runChild("none");
        assertTrue(output.startsWith("failed: java.lang."), output);
        assertTrue(output.contains("tzdb.dat (Too many open files)"), output);
    }

    private static String runChild(String mode) throws Exception {
        String classpath = "target/accept-loop-hardened.jar" + File.pathSeparator + "target/test-classes";
        Process child = new ProcessBuilder(List.of("prlimit", "--nofile=100:100", StageProcess.java(), "-Xmx64m",
                "-cp", classpath, JulUnderExhaustion.class.getName(), mode)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        return output;
    }
}
