package io.asyncworkbench.experiment;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code workbench experiment NAME} and {@code workbench reproduce}: run one experiment, or all of
 * them, into {@code results/runs/}. The two share every flag; {@code reproduce} is this command
 * with every name.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, version = "async-http-workbench 0.1", sortOptions = false,
        description = {"Runs one experiment of the source texts end to end: servers as child processes pinned apart from "
                + "the load generator, verify, warm-up, measured steps, metrics sampled every second; writes "
                + "results/runs/NAME/<UTC time>/ (see docs/run-format.md).",
                "%nExperiments: part1-single-thread, part1-reuseport, part3-offload, accept-loop, ephemeral-ports, book-blocking-vs-async.%n"},
        footerHeading = "%nExamples:%n",
        footer = {"  workbench experiment part3-offload", "  workbench experiment part1-reuseport --full --cpus-server 0 --cpus-load 1",
                "  workbench experiment part1-single-thread --server-host bench@10.0.0.5 --load-host load1 --load-host load2"})
public class ExperimentCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The experiment to run.")
    String name;

    @Option(names = "--definition", paramLabel = "FILE",
            description = "Run the experiment this JSON file defines instead of a shipped one (the format of "
                    + "experiments/src/main/resources/experiments/*.json). Example: --definition my-sweep.json")
    Path definition;

    @ArgGroup(exclusive = true)
    ProfileChoice profile = new ProfileChoice();

    static final class ProfileChoice {
        @Option(names = "--quick", description = "Short steps, few of them: all six experiments in about 45 minutes on 2 cores (default).")
        boolean quick;
        @Option(names = "--full", description = "More and longer steps, for figures worth publishing.")
        boolean full;
    }

    @Option(names = "--cpus-server", paramLabel = "CPUS", converter = CpuSetConverter.class,
            description = "Pin the servers to these CPUs (taskset list, e.g. 0 or 0-1); default: the first half of the machine.")
    CpuSet cpusServer;

    @Option(names = "--cpus-load", paramLabel = "CPUS", converter = CpuSetConverter.class,
            description = "Pin the load generator to these CPUs; default: the second half of the machine.")
    CpuSet cpusLoad;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "results/runs",
            description = "Where run folders go (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--server-host", paramLabel = "DEST",
            description = "Run the servers on this SSH destination ([user@]host or an alias of your ssh config) instead of here "
                    + "(docs/remote-load.md). Example: --server-host bench@10.0.0.5")
    String serverHost;

    @Option(names = "--load-host", paramLabel = "DEST",
            description = "Run a load generator on this SSH destination ('local': this machine); repeat for more, each "
                    + "taking an equal share of the load. Example: --load-host load1 --load-host load2")
    List<String> loadHosts = new ArrayList<>();

    @Option(names = "--server-address", paramLabel = "ADDR",
            description = "Where the load hosts and this runner reach the server (default: the host name ssh resolves --server-host to). "
                    + "Example: --server-address 10.0.1.5")
    String serverAddress;

    @Option(names = "--ssh-config", paramLabel = "FILE",
            description = "The ssh_config file for ssh and scp (-F FILE; default: your own). Example: --ssh-config hosts.conf")
    Path sshConfig;

    @Option(names = "--remote-java", paramLabel = "PATH", defaultValue = Host.Ssh.DEFAULT_JAVA,
            description = "The Java 21+ on the remote hosts (default: ${DEFAULT-VALUE} on their PATH). "
                    + "Example: --remote-java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
    String remoteJava;

    @Option(names = "--remote-dir", paramLabel = "DIR", defaultValue = Host.Ssh.DEFAULT_DIRECTORY,
            description = "Where the jars go on the remote hosts, from the login directory (default: ${DEFAULT-VALUE}). "
                    + "Example: --remote-dir /tmp/workbench")
    String remoteDir;

    /** The hosts the flags name; checked for what can be checked without connecting. */
    Hosts.Choice hosts() {
        if (sshConfig != null && !java.nio.file.Files.isRegularFile(sshConfig)) {
            throw new IllegalArgumentException("--ssh-config " + sshConfig + ": no such file");
        }
        if (serverHost == null && loadHosts.isEmpty() && serverAddress != null) {
            throw new IllegalArgumentException("--server-address is for runs with --server-host or --load-host");
        }
        return new Hosts.Choice(serverHost, List.copyOf(loadHosts), serverAddress,
                new Host.Ssh(sshConfig == null ? null : sshConfig.toAbsolutePath(), remoteJava, remoteDir));
    }

    /** The experiments to run: the one named, or the one in {@code --definition}. */
    List<ExperimentDefinition> definitions() {
        if (definition != null) {
            if (name != null) {
                throw new IllegalArgumentException("name an experiment or give --definition, not both");
            }
            return List.of(Experiments.load(definition));
        }
        if (name == null) {
            throw new IllegalArgumentException("name an experiment: " + String.join(", ", Experiments.NAMES));
        }
        return List.of(Experiments.load(name));
    }

    @Override
    public Integer call() throws Exception {
        List<ExperimentDefinition> definitions = definitions();
        String profileName = profile.full ? "full" : "quick";
        PrintWriter console = new PrintWriter(System.err, true);
        ExperimentRunner runner = new ExperimentRunner(new ExperimentRunner.Settings(Path.of("").toAbsolutePath(), runs,
                profileName, cpusServer, cpusLoad, hosts(), "workbench " + String.join(" ", commandLine()), console));
        for (int i = 0; i < definitions.size(); i++) {
            String tag = (definitions.size() > 1 ? (i + 1) + "/" + definitions.size() + " " : "") + definitions.get(i).name();
            Path run = runner.run(definitions.get(i), tag);
            System.out.println("run complete: " + run);
        }
        return 0;
    }

    List<String> commandLine() {
        List<String> line = new ArrayList<>(List.of("experiment", definition != null ? "--definition " + definition : String.valueOf(name),
                profile.full ? "--full" : "--quick"));
        line.addAll(hostFlags());
        return line;
    }

    /** The host flags as given, for meta.json's runnerCommand. */
    List<String> hostFlags() {
        List<String> flags = new ArrayList<>();
        if (serverHost != null) {
            flags.add("--server-host " + serverHost);
        }
        loadHosts.forEach(h -> flags.add("--load-host " + h));
        if (serverAddress != null) {
            flags.add("--server-address " + serverAddress);
        }
        return flags;
    }

    /** {@code workbench reproduce}: every experiment, in order. */
    @Command(name = "reproduce", mixinStandardHelpOptions = true, version = "async-http-workbench 0.1",
            description = "Runs every experiment (quick profile by default) into results/runs/; ./workbench reproduce then redraws the figures.")
    public static final class Reproduce extends ExperimentCommand {
        @Override
        List<ExperimentDefinition> definitions() {
            if (name != null || definition != null) {
                throw new IllegalArgumentException("reproduce runs every experiment; to run one: workbench experiment "
                        + (name != null ? name : "--definition " + definition));
            }
            return Experiments.NAMES.stream().map(Experiments::load).toList();
        }

        @Override
        List<String> commandLine() {
            List<String> line = new ArrayList<>(List.of("reproduce", profile.full ? "--full" : "--quick"));
            line.addAll(hostFlags());
            return line;
        }
    }

    /** Parses {@code --cpus-server 0-1}. */
    public static final class CpuSetConverter extends io.asyncworkbench.cli.ParsingConverter<CpuSet> {
        public CpuSetConverter() {
            super(CpuSet::parse);
        }
    }
}
