package io.asyncworkbench.vertx;

import io.asyncworkbench.cli.CommandLines;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Shared flags may precede the subcommand; anything else is left for picocli to judge. */
class VertxStagesTest {

    private final CommandLine commandLine = CommandLines.create(new VertxStages());

    private String[] reorder(String... args) {
        return VertxStages.subcommandFirst(commandLine, args);
    }

    @Test
    void shouldMoveTheSubcommandFirst_whenSharedFlagsComeBeforeIt() {
        assertArrayEquals(new String[] {"multi", "--host", "127.0.0.1", "--port", "0", "--threads", "2"},
                reorder("--host", "127.0.0.1", "--port", "0", "multi", "--threads", "2"));
        assertArrayEquals(new String[] {"vertx-offload", "--port=0", "--inline"}, reorder("--port=0", "vertx-offload", "--inline"));
        assertArrayEquals(new String[] {"single", "--help"}, reorder("--help", "single"));
    }

    @Test
    void shouldLeaveArgsAlone_whenTheSubcommandIsFirstOrMissing() {
        assertArrayEquals(new String[] {"single", "--port", "0"}, reorder("single", "--port", "0"));
        assertArrayEquals(new String[] {"--port", "abc"}, reorder("--port", "abc"));
    }

    @Test
    void shouldLeaveArgsAlone_whenAStageFlagComesBeforeTheSubcommand() {
        // --threads belongs to multi: before the subcommand it is an error picocli must report.
        assertArrayEquals(new String[] {"--threads", "2", "multi"}, reorder("--threads", "2", "multi"));
        // A flag's value is never taken for the subcommand.
        assertArrayEquals(new String[] {"single", "--host", "multi"}, reorder("--host", "multi", "single"));
    }
}
