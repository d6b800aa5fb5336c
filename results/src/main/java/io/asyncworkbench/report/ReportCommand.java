package io.asyncworkbench.report;

import io.asyncworkbench.cli.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./workbench report}: redraws every figure and table from stored runs, without rerunning
 * anything. By default the newest run of each experiment under {@code results/runs}; a RUN_DIR
 * given on the command line replaces the newest run of its experiment.
 *
 * <pre>
 * ./workbench report                                    # results/runs -&gt; results/figures, README.md, index.html
 * ./workbench report results/runs/part3-offload/20261126T150102Z
 * java -jar results/target/results.jar --runs /tmp/runs --out /tmp/report
 * </pre>
 * Exit status: 0 when everything found was rendered (or nothing was found: a message says so);
 * 1 when a run could not be read (each named on stderr, the rest still rendered); 2 for a bad flag.
 */
@Command(name = "report", mixinStandardHelpOptions = true, version = "async-http-workbench 0.1",
        description = "Render stored experiment runs into figures (PNG + CSV), results/README.md and results/index.html.")
public final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "RUN_DIR",
            description = "Run folders to render instead of the newest run of their experiment.")
    private List<Path> runDirs = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "results/runs",
            description = "Where the runs are, one folder per experiment (default: ${DEFAULT-VALUE}).")
    private Path runsDir;

    @Option(names = "--jmh", paramLabel = "DIR", defaultValue = "results/jmh",
            description = "Where ./workbench jmh wrote its results; the newest gives the efficiency table (default: ${DEFAULT-VALUE}).")
    private Path jmhDir;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results",
            description = "Where to write figures/, README.md and index.html (default: ${DEFAULT-VALUE}).")
    private Path outDir;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        // Before any AWT class loads: charts are drawn without a display.
        System.setProperty("java.awt.headless", "true");
        System.exit(CommandLines.run(new ReportCommand(), args));
    }

    @Override
    public Integer call() throws IOException {
        return Report.render(runsDir, runDirs, jmhDir, outDir, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
