package io.asyncworkbench.load;

import io.asyncworkbench.cli.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code workbench}, the command the {@code ./workbench} launcher runs: one subcommand per task.
 * Adding a task is one more class in {@code subcommands}.
 *
 * <pre>
 * java -jar loadtests/target/loadtests.jar load --url http://127.0.0.1:8080/data --rate 2000 --duration 10s
 * java -jar loadtests/target/loadtests.jar load --help
 * </pre>
 */
@Command(name = "workbench", mixinStandardHelpOptions = true, version = "async-http-workbench 0.1",
        description = "Reruns the experiments of the async-http-workbench and loads HTTP servers.",
        subcommands = {
                LoadCommand.class,
                LoadSeriesCommand.class,
                io.asyncworkbench.experiment.ExperimentCommand.class,
                io.asyncworkbench.experiment.ExperimentCommand.Reproduce.class,
                io.asyncworkbench.experiment.HostFactsCommand.class,
        })
public final class WorkbenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        // A load generator checks no buffers for leaks: that costs throughput on every read.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        System.exit(CommandLines.run(new WorkbenchCommand(), args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "choose a subcommand: " + String.join(", ", spec.subcommands().keySet()));
    }
}
