package io.asyncworkbench.load;

import io.asyncworkbench.cli.CommandLines;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;

/**
 * The load generator as a library, for the experiment runner: one call runs exactly what
 * {@code workbench load ARGS...} runs, in this JVM, and returns its {@link Summary}. The flags
 * are the command's own, so an experiment's definition holds the same words a user types.
 *
 * <pre>{@code
 * Summary s = LoadSteps.run(List.of("--url", "http://127.0.0.1:8080/data", "--rate", "2000", "--duration", "5s"), log);
 * }</pre>
 */
public final class LoadSteps {

    private LoadSteps() {
    }

    /** Runs one load with {@code args}; progress and the summary text go to {@code log}. */
    public static Summary run(List<String> args, PrintWriter log) throws Exception {
        LoadCommand command = new LoadCommand();
        CommandLine commandLine = CommandLines.create(command).setOut(log).setErr(log);
        try {
            commandLine.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException("bad load flags " + args + ": " + e.getMessage(), e);
        }
        return new LoadRun(LoadPlans.of(command, command.spec), log, log).run();
    }
}
