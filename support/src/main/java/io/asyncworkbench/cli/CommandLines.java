package io.asyncworkbench.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Runs a picocli command the way every command of the workbench behaves: {@code --help} and
 * {@code --version} print and exit 0; a bad flag or value prints one line and exits 2; a
 * failure inside the command prints one line (the stack trace only with {@code -Dworkbench.debug=true})
 * and exits 1.
 *
 * <p>For example {@code --port abc} prints
 * {@code minimal-single-thread: Invalid value for option '--port': 'abc' is not an int (see --help)}.
 */
public final class CommandLines {

    /** Exit status for a bad flag or value. */
    public static final int USAGE_ERROR = 2;

    private CommandLines() {
    }

    /** Builds the command line for {@code command} with the workbench's converters and error handlers. */
    public static CommandLine create(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.registerConverter(Duration.class, new Durations.Converter());
        commandLine.setParameterExceptionHandler(CommandLines::oneLineUsageError);
        commandLine.setExecutionExceptionHandler((ex, cl, parseResult) -> {
            cl.getErr().println(cl.getCommandName() + ": " + describe(ex));
            if (Boolean.getBoolean("workbench.debug")) {
                ex.printStackTrace(cl.getErr());
            }
            cl.getErr().flush();
            return 1;
        });
        return commandLine;
    }

    /** Parses {@code args} and runs {@code command}; returns the exit status. */
    public static int run(Object command, String... args) {
        return create(command).execute(args);
    }

    private static int oneLineUsageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandName() + ": " + ex.getMessage() + " (see --help)");
        err.flush();
        return USAGE_ERROR;
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }
}
