package io.asyncworkbench.vertx;

import io.asyncworkbench.cli.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The one jar of the Vert.x editions: a subcommand names the server, its flags follow.
 *
 * <pre>
 * java -jar vertx-stages/target/vertx-stages.jar single --port 8080
 * java -jar vertx-stages/target/vertx-stages.jar multi --threads 2 --reuseport --port 8080
 * java -jar vertx-stages/target/vertx-stages.jar offload --workers 2 --workload spin:4ms --port 8080
 * </pre>
 *
 * Each subcommand is also called by its stage name ({@code vertx-single}, ...), the name its
 * startup line, {@code server_info} and its error messages carry. The flags every server takes
 * may also come before the subcommand, as the experiment runner and the loadtests put them:
 * {@code --host 127.0.0.1 --port 0 multi --threads 2} runs as {@code multi --host 127.0.0.1 --port 0 --threads 2}.
 */
@Command(name = "vertx-stages", mixinStandardHelpOptions = true, version = "async-http-workbench 0.1",
        description = "Vert.x 5 editions of stages 1 to 3, with the same flags, routes and metrics as the Netty stages.",
        subcommands = {SingleVerticleServer.class, MultiVerticleServer.class, WorkerExecutorServer.class})
public final class VertxStages implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        CommandLine commandLine = CommandLines.create(new VertxStages());
        System.exit(commandLine.execute(subcommandFirst(commandLine, args)));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name a server first: single, multi or offload");
    }

    /**
     * {@code args} with the subcommand moved to the front when only shared server flags (and their
     * values) come before it; otherwise {@code args} unchanged, for picocli to judge.
     */
    static String[] subcommandFirst(CommandLine commandLine, String[] args) {
        CommandSpec shared = commandLine.getSubcommands().get("single").getCommandSpec();
        int i = 0;
        while (i < args.length) {
            if (commandLine.getSubcommands().containsKey(args[i])) {
                List<String> reordered = new ArrayList<>(List.of(args));
                reordered.add(0, reordered.remove(i));
                return reordered.toArray(String[]::new);
            }
            String name = args[i].split("=", 2)[0];
            OptionSpec option = name.startsWith("-") ? shared.findOption(name) : null;
            if (option == null) {
                return args;
            }
            i += args[i].contains("=") || option.arity().max() == 0 ? 1 : 2;
        }
        return args;
    }
}
