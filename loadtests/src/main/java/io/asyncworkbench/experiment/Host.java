package io.asyncworkbench.experiment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asyncworkbench.process.ServerProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A machine the runner starts a server or a load generator on: this one, or one it reaches with
 * the user's own OpenSSH ({@code ssh} and {@code scp}, with {@code -F FILE} when given), as
 * TechEmpower's toolset drives its hosts. On a remote host every program runs as
 * {@code ssh DEST 'program...'}: its standard streams are the local process's, so the server's
 * startup line and the generator's answers arrive as they do on one box, and the jars it runs are
 * copied into {@link Ssh#directory()} first.
 *
 * <pre>{@code
 * Host load = Host.ssh("load-1", "bench@10.0.0.7", null, ssh);
 * String jar = load.install(Path.of("loadtests/target/loadtests.jar"));
 * Process p = new ProcessBuilder(load.command(List.of(load.java(), "-jar", jar, "load-series"))).start();
 * }</pre>
 */
final class Host {

    /** How the runner reaches remote hosts: an ssh_config file (or null), the Java to run there, the directory for jars. */
    record Ssh(Path config, String java, String directory) {

        static final String DEFAULT_JAVA = "java";
        static final String DEFAULT_DIRECTORY = ".cache/async-http-workbench";

        /** {@code ssh} or {@code scp} with the options every call shares: never a prompt, the user's config file when given. */
        List<String> tool(String name) {
            List<String> command = new ArrayList<>(List.of(name, "-o", "BatchMode=yes"));
            if (config != null) {
                command.addAll(List.of("-F", config.toString()));
            }
            return command;
        }

        /**
         * The host name {@code destination} stands for, as ssh itself resolves it ({@code ssh -G}: an
         * alias of the config becomes its {@code HostName}); the host part of the destination if
         * ssh cannot say.
         */
        String hostName(String destination) {
            List<String> command = tool("ssh");
            command.addAll(List.of("-G", destination));
            try {
                Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    Optional<String> name = out.lines().filter(l -> l.startsWith("hostname ")).map(l -> l.substring(9).trim()).findFirst();
                    if (name.isPresent()) {
                        return name.get();
                    }
                }
            } catch (IOException e) {
                // No ssh here: the connection will say so.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return hostPart(destination);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The shell script a remote server runs under: it starts the server and sends it SIGTERM when
     * the runner closes the connection's input (the runner stopping it) or the connection drops
     * (the runner killed), then exits with the server's status. A signal to the local {@code ssh}
     * never reaches the remote program; the end of input does.
     */
    static final String END_OF_INPUT_STOPS = "exec 3<&0; \"$@\" </dev/null & pid=$!; "
            + "{ while read -r _; do :; done <&3; kill -TERM $pid; } >/dev/null 2>&1 & watcher=$!; "
            + "wait $pid; status=$?; kill $watcher 2>/dev/null; exit $status";

    private final String label;
    private final String destination;
    private final String address;
    private final Ssh ssh;
    private final Set<String> installed = new HashSet<>();

    private Host(String label, String destination, String address, Ssh ssh) {
        this.label = label;
        this.destination = destination;
        this.address = address;
        this.ssh = ssh;
    }

    /** This machine, under {@code label}; {@code address} is where other hosts reach it (null: nowhere else). */
    static Host local(String label, String address) {
        return new Host(label, null, address, null);
    }

    /**
     * The host {@code destination} ({@code [user@]host}, or an alias of the ssh config), reached by
     * others at {@code address} (null: the host name ssh resolves the destination to).
     */
    static Host ssh(String label, String destination, String address, Ssh ssh) {
        return new Host(label, destination, address != null ? address : ssh.hostName(destination), ssh);
    }

    /** {@code host} of {@code user@host}: the address a destination names when no other is given. */
    static String hostPart(String destination) {
        return destination.substring(destination.lastIndexOf('@') + 1);
    }

    String label() {
        return label;
    }

    boolean remote() {
        return destination != null;
    }

    /** The SSH destination as the user gave it, or {@code local}. */
    String destination() {
        return remote() ? destination : "local";
    }

    /** Where the other hosts and the runner reach this host; null for this machine without {@code --server-address}. */
    String address() {
        return address;
    }

    /** The Java that runs the jars here: this JVM's binary, or {@code --remote-java} over there. */
    String java() {
        return remote() ? ssh.java() : ServerProcess.currentJava();
    }

    /** The command line that runs {@code program} on this host. */
    List<String> command(List<String> program) {
        if (!remote()) {
            return program;
        }
        List<String> command = ssh.tool("ssh");
        command.add(destination);
        command.add(String.join(" ", program.stream().map(Host::quote).toList()));
        return command;
    }

    /**
     * The command line that runs a server here: on a remote host under {@link #END_OF_INPUT_STOPS},
     * so that closing the process's input stops it gracefully (see {@link ServerProcess.Stop}).
     */
    List<String> serverCommand(List<String> program) {
        if (!remote()) {
            return program;
        }
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", END_OF_INPUT_STOPS, "sh"));
        wrapped.addAll(program);
        return command(wrapped);
    }

    /** How a server started with {@link #serverCommand} is stopped. */
    ServerProcess.Stop serverStop() {
        return remote() ? ServerProcess.Stop.END_OF_INPUT : ServerProcess.Stop.SIGTERM;
    }

    /** Quotes {@code word} for the remote shell, which {@code ssh} hands its command line to. */
    static String quote(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** Makes {@code jar} available here, once per run; returns the path to give {@code java -jar} here. */
    String install(Path jar) throws IOException {
        if (!remote()) {
            return jar.toAbsolutePath().toString();
        }
        String target = ssh.directory() + "/" + jar.getFileName();
        if (installed.add(target)) {
            run(command(List.of("mkdir", "-p", ssh.directory())), "create " + ssh.directory());
            List<String> copy = ssh.tool("scp");
            copy.addAll(List.of("-q", jar.toString(), destination + ":" + target));
            run(copy, "copy " + jar.getFileName());
        }
        return target;
    }

    /** A path for scratch files of this run on this host (remote: under {@link Ssh#directory()}); {@code local} is this machine's. */
    String scratch(Path local, String name) {
        return remote() ? ssh.directory() + "/run-" + ProcessHandle.current().pid() + "/" + name : local.resolve(name).toAbsolutePath().toString();
    }

    /** Creates the directory of {@link #scratch} on a remote host. */
    void createScratch() throws IOException {
        if (remote()) {
            run(command(List.of("mkdir", "-p", ssh.directory() + "/run-" + ProcessHandle.current().pid())), "create a scratch directory");
        }
    }

    /** Removes the directory of {@link #scratch} on a remote host; a failure is left alone (it holds nothing but this run's copies). */
    void removeScratch() {
        if (remote()) {
            try {
                run(command(List.of("rm", "-rf", ssh.directory() + "/run-" + ProcessHandle.current().pid())), "remove the scratch directory");
            } catch (IOException e) {
                // Leftover scratch files are harmless: the next run uses another directory.
            }
        }
    }

    /** Copies {@code files} (paths on this host) into {@code directory} here; on this machine they are already there. */
    void fetch(List<String> files, Path directory) throws IOException {
        if (!remote() || files.isEmpty()) {
            return;
        }
        List<String> copy = ssh.tool("scp");
        copy.add("-q");
        files.forEach(f -> copy.add(destination + ":" + f));
        copy.add(directory.toString() + "/");
        run(copy, "fetch " + files.size() + " file(s)");
    }

    /**
     * The machine's facts and its JDK as meta.json records them, read on the host by the jar
     * itself ({@code host-facts}); fails with one line when the host has no Java there, a Java
     * older than 21 (the jar's launcher says so) or no jar.
     */
    Map<String, Object> facts(Path loadtestsJar) throws IOException {
        if (!remote()) {
            return HostFactsCommand.facts();
        }
        String jar = install(loadtestsJar);
        try {
            run(command(List.of("sh", "-c", "command -v \"$0\"", java())), "find Java");
        } catch (IOException e) {
            throw new IOException(describe() + ": no Java at '" + java() + "' there (give its path with --remote-java)");
        }
        String out = run(command(List.of(java(), "-jar", jar, "host-facts")), "read its machine and JDK");
        try {
            return JSON.readValue(out, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new IOException(describe() + ": host-facts answered something else than JSON: " + firstLine(out));
        }
    }

    /**
     * This host's clock minus the runner's, in milliseconds, and half the round trip that measured
     * it (the uncertainty): over one SSH connection, {@code date} is asked five times and the
     * answer with the shortest round trip kept, its time taken as the middle of the trip.
     */
    double[] clockOffset() throws IOException {
        if (!remote()) {
            return new double[] {0, 0};
        }
        Process p = new ProcessBuilder(command(List.of("sh", "-c", "while read -r _; do date +%s%N; done")))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (PrintWriter ask = new PrintWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII), true);
             BufferedReader answers = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
            double bestOffset = 0;
            double bestHalfTrip = Double.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                java.time.Instant now = java.time.Instant.now();
                long sentNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                long sent = System.nanoTime();
                ask.println();
                String answer = answers.readLine();
                long trip = System.nanoTime() - sent;
                if (answer == null || !answer.matches("\\d+")) {
                    throw new IOException(describe() + ": cannot read its clock with 'date +%s%N'");
                }
                double halfTripMillis = trip / 2e6;
                if (halfTripMillis < bestHalfTrip) {
                    bestHalfTrip = halfTripMillis;
                    bestOffset = (Long.parseLong(answer) - sentNanos) / 1e6 - halfTripMillis;
                }
            }
            return new double[] {bestOffset, bestHalfTrip};
        } finally {
            p.destroy();
        }
    }

    /** {@code load-1 (bench@10.0.0.7)}, for messages. */
    String describe() {
        return label + " (" + destination() + ")";
    }

    /**
     * Runs a short command, returns its standard output; fails with one line naming the host,
     * what was being done and the first line of the error output, e.g.
     * {@code load-1 (wbhost2): cannot copy loadtests.jar: ssh: connect to host 198.19.1.3 port 22: Connection refused}.
     */
    private String run(List<String> command, String doing) throws IOException {
        try {
            return ShortCommand.run(command, Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new IOException(describe() + ": cannot " + doing + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
