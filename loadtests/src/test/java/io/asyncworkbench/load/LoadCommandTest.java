package io.asyncworkbench.load;

import io.asyncworkbench.cli.CommandLines;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flags of {@code workbench load}: help with an example for each, and one-line usage errors (exit 2). */
class LoadCommandTest {

    private static void assertUsageError(String expectedMessage, String... args) {
        Workbench.Result r = Workbench.run(args);
        assertEquals(CommandLines.USAGE_ERROR, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(expectedMessage), r.err());
    }

    @Test
    void shouldDocumentEveryFlagWithAnExample() {
        Workbench.Result r = Workbench.run("load", "--help");

        assertEquals(0, r.exitCode());
        CommandLine load = new CommandLine(new WorkbenchCommand()).getSubcommands().get("load");
        for (CommandLine.Model.OptionSpec option : load.getCommandSpec().options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                assertTrue(String.join(" ", option.description()).contains("Example: " + option.longestName()),
                        option.longestName() + " has no example");
                assertTrue(r.out().contains(option.longestName()), option.longestName());
            }
        }
    }

    @Test
    void shouldListTheSubcommands_whenRunWithoutOne() {
        assertUsageError("workbench: choose a subcommand: load");
    }

    @Test
    void shouldRejectBadCombinations_inOneLine() {
        assertUsageError("load: choose one model: --rate (open), --users (closed) or --profile (arrival phases) (see --help)",
                "load", "--url", "http://127.0.0.1:1/", "--rate", "10", "--users", "2");
        assertUsageError("choose one model", "load", "--url", "http://127.0.0.1:1/");
        assertUsageError("choose one of --connection-close (the server closes) and --client-close (the generator closes)",
                "load", "--url", "http://127.0.0.1:1/", "--rate", "10", "--client-close", "--connection-close");
        assertUsageError("--requests-per-user and --ramp belong to the closed model",
                "load", "--url", "http://127.0.0.1:1/", "--rate", "10", "--requests-per-user", "5");
        assertUsageError("--url must be an http:// URL", "load", "--url", "https://127.0.0.1:1/", "--rate", "10");
        assertUsageError("--max-connections (1) must be at least --threads (2)",
                "load", "--url", "http://127.0.0.1:1/", "--rate", "10", "--threads", "2", "--max-connections", "1");
        assertUsageError("--header must be 'Name: value'", "load", "--url", "http://127.0.0.1:1/", "--rate", "10", "--header", "novalue");
        assertUsageError("--source-addresses: '127.0.0.9-127.0.0.2' is an empty range",
                "load", "--url", "http://127.0.0.1:1/", "--rate", "10", "--source-addresses", "127.0.0.9-127.0.0.2");
        assertUsageError("cannot use --profile", "load", "--url", "http://127.0.0.1:1/", "--profile", "/nonexistent.yaml");
    }

    @Test
    void shouldRejectBadValues_withPicocliAndTheSharedDurationConverter() {
        assertUsageError("Invalid value for option '--rate'", "load", "--url", "http://127.0.0.1:1/", "--rate", "fast");
        assertUsageError("'soon' is not a duration", "load", "--url", "http://127.0.0.1:1/", "--rate", "1", "--duration", "soon");
        assertUsageError("'03:30' is not a UTC time such as 2026-12-08T03:30:00.250Z",
                "load", "--url", "http://127.0.0.1:1/", "--rate", "1", "--start-at", "03:30");
    }
}
