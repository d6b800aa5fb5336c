package io.asyncworkbench.vertx;

import io.asyncworkbench.testing.RawHttp;
import io.asyncworkbench.testing.StageContractIT;
import io.asyncworkbench.testing.StageProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared contract for one server of the Vert.x jar, started as
 * {@code java -jar vertx-stages.jar SUBCOMMAND --port 0 ...}, plus what the shared test does
 * not check yet: a request line over the limit gets 414 and a close.
 */
@ExtendWith(VertxStageContractIT.FlagsFollowTheSubcommand.class)
abstract class VertxStageContractIT extends StageContractIT {

    static final Path JAR = Path.of("target/vertx-stages.jar");

    private final String stage;
    private final String subcommand;

    VertxStageContractIT(String stage, String... args) {
        super(JAR, stage, args);
        this.stage = stage;
        this.subcommand = args[0];
    }

    @Test
    void longRequestLine_shouldGet414_andAClose() throws Exception {
        try (RawHttp raw = new RawHttp(server.port(), 5000)) {
            RawHttp.Reply reply = raw.send("GET /data?" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n").readAll();
            assertEquals(List.of(414), reply.statuses(), reply.text());
            assertTrue(reply.closedByServer(), "connection left open after 414");
        }
        assertEquals(200, get("/data").statusCode(), "the server must survive bad input");
    }

    /** The shared {@code badFlag} test with the flags after the subcommand, where they belong. */
    @Test
    void badFlagAfterTheSubcommand_shouldPrintOneLine_andExitNonZero() throws Exception {
        for (String[] bad : List.of(new String[] {"--port", "abc"}, new String[] {"--workload", "nope"}, new String[] {"--no-such-flag"})) {
            List<String> command = new ArrayList<>(List.of(StageProcess.java(), "-jar", JAR.toString(), subcommand));
            command.addAll(List.of(bad));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).strip();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(2, process.exitValue(), "exit status for " + String.join(" ", bad));
            assertEquals(1, output.lines().count(), output);
            assertTrue(output.startsWith(stage + ": "), output);
        }
    }

    /**
     * TODO(core): the shared {@code badFlag_shouldPrintOneLine_andExitNonZero} runs
     * {@code java -jar JAR --port abc} without the stage's arguments, so a jar whose servers are
     * subcommands answers as {@code vertx-stages}, not as the stage. Once StageContractIT puts
     * its {@code args} before the bad flag, drop this condition and the replacement test above.
     */
    static final class FlagsFollowTheSubcommand implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean replaced = context.getTestMethod().map(m -> m.getName().equals("badFlag_shouldPrintOneLine_andExitNonZero")).orElse(false);
            return replaced ? ConditionEvaluationResult.disabled("replaced by badFlagAfterTheSubcommand (TODO(core))")
                    : ConditionEvaluationResult.enabled("shared contract");
        }
    }
}
