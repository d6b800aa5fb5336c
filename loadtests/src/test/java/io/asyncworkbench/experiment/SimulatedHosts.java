package io.asyncworkbench.experiment;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * SSH hosts simulated on this machine, to test the runner's placement of server and generators on
 * other hosts without a second machine: each host is a Linux network namespace on one bridge
 * ({@link SimulatedNetwork}: host i at {@code 198.19.K.(i+1)}, the runner's namespace at
 * {@code 198.19.K.1}), running an {@code sshd} of its own (Debian's openssh-server) on port 22.
 * Hosts are numbered from 1, as their aliases in {@link #sshConfig()} are:
 *
 * <pre>{@code
 * try (SimulatedHosts hosts = SimulatedHosts.create(2)) {
 *     // ssh -F <hosts.sshConfig()> wbhost2 ip -4 -o addr show    prints 198.19.K.3
 *     Commands.check(hosts.ssh(2, "ip -4 -o addr show"));
 * }
 * }</pre>
 *
 * <p>One temporary directory holds the ed25519 keys (one host key for all hosts; one client key
 * that root on every host accepts), the configs and each sshd's log. {@link #close()} stops the
 * sshds it started, by their pids, with their sessions and whatever else still runs in the hosts'
 * namespaces; deletes the namespaces and the directory. It is also a shutdown hook, so Ctrl-C or a
 * failed test leaves nothing behind, and {@link #create} calls it when a step fails. Needs root:
 * {@link #unavailable()} says, in one line, why the hosts cannot be made here.
 */
final class SimulatedHosts implements AutoCloseable {

    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration SSHD_READY = Duration.ofSeconds(30);

    private final SimulatedNetwork network;
    private final int count;
    private final Path dir;
    private final Thread hook = new Thread(this::close, "simulated-hosts-cleanup");
    // The building steps hold the lock, so a close() from the hook waits for the one in progress.
    private final List<Process> sshds = new ArrayList<>();
    private boolean closed;

    private SimulatedHosts(SimulatedNetwork network, int count, Path dir) {
        this.network = network;
        this.count = count;
        this.dir = dir;
    }

    /** Why the hosts cannot be made here, in one line, or empty when they can. */
    static Optional<String> unavailable() {
        String user = System.getProperty("user.name");
        if (!"root".equals(user)) {
            return Optional.of("needs root to make network namespaces and run sshd (running as " + user + ")");
        }
        for (Map.Entry<String, String> program : Map.of("ip", "iproute2", "ssh", "openssh-client", "ssh-keygen", "openssh-client").entrySet()) {
            if (!onPath(program.getKey())) {
                return Optional.of("no '" + program.getKey() + "' on the PATH (package " + program.getValue() + ")");
            }
        }
        if (!Files.isExecutable(SSHD)) {
            return Optional.of("no " + SSHD + " (package openssh-server)");
        }
        try {
            // Without PAM, sshd refuses an account whose password is locked ('!'), keys or not.
            if (Files.readAllLines(Path.of("/etc/shadow")).stream().anyMatch(l -> l.startsWith("root:!"))) {
                return Optional.of("root's password is locked ('!' in /etc/shadow), and sshd without PAM refuses a locked account");
            }
        } catch (IOException e) {
            return Optional.of("cannot read /etc/shadow: " + e.getMessage());
        }
        return SimulatedNetwork.unavailable();
    }

    /**
     * Stands {@code N} hosts up (default 3) until standard input ends, for a multi-host run by hand
     * (docs/remote-load.md): prints the ssh config and each host's alias and address.
     * {@code java -cp loadtests/target/test-classes io.asyncworkbench.experiment.SimulatedHosts 3}
     */
    public static void main(String[] args) throws Exception {
        Optional<String> unavailable = unavailable();
        if (unavailable.isPresent()) {
            System.err.println("simulated hosts: " + unavailable.get());
            System.exit(1);
        }
        try (SimulatedHosts hosts = create(args.length > 0 ? Integer.parseInt(args[0]) : 3)) {
            System.out.println("ssh config: " + hosts.sshConfig());
            for (int i = 1; i <= hosts.count(); i++) {
                System.out.println(hosts.destination(i) + " " + hosts.address(i));
            }
            System.out.println("up until this program's input ends (Ctrl-D)");
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    /** Makes {@code count} hosts (1 to 250) and returns once each one's sshd lets root in. */
    static SimulatedHosts create(int count) throws IOException {
        if (count < 1 || count > 250) {
            throw new IllegalArgumentException("1 to 250 hosts, not " + count);
        }
        SimulatedNetwork network = SimulatedNetwork.reserve();
        Path dir;
        try {
            dir = Files.createTempDirectory("wbhosts-");
        } catch (IOException e) {
            network.delete(new ArrayList<>());
            throw e;
        }
        SimulatedHosts hosts = new SimulatedHosts(network, count, dir);
        Runtime.getRuntime().addShutdownHook(hosts.hook);
        try {
            hosts.build();
            hosts.awaitSshds();
            return hosts;
        } catch (IOException | RuntimeException e) {
            try {
                hosts.close();
            } catch (RuntimeException c) {
                e.addSuppressed(c);
            }
            throw e;
        }
    }

    int count() {
        return count;
    }

    /** Host {@code i}'s alias in {@link #sshConfig()}: {@code wbhost1}, {@code wbhost2}, ... */
    String destination(int i) {
        return "wbhost" + (Objects.checkIndex(i - 1, count) + 1);
    }

    /** Host {@code i}'s address: {@code 198.19.K.(i+1)}. */
    String address(int i) {
        return network.address(Objects.checkIndex(i - 1, count) + 1);
    }

    /** The address of the root namespace's end of the switch, {@code 198.19.K.1}: where the hosts reach the runner. */
    String rootAddress() {
        return network.rootAddress();
    }

    /** The client's ssh_config, one {@code Host} entry per host, for {@code ssh -F} and {@code scp -F}. */
    Path sshConfig() {
        return dir.resolve("ssh_config");
    }

    /** The command that runs {@code remoteCommand} (a shell command line) on host {@code i}. */
    List<String> ssh(int i, String remoteCommand) {
        return List.of("ssh", "-F", sshConfig().toString(), destination(i), remoteCommand);
    }

    /** The namespaces made, switch first, for tests to check they are gone after {@link #close()}. */
    synchronized List<String> namespaces() {
        return network.namespaces();
    }

    /** The pids of the sshds started, host 1 first. */
    synchronized List<Long> sshdPids() {
        return sshds.stream().map(Process::pid).toList();
    }

    /** The temporary directory with the keys, the configs and the sshd logs. */
    Path directory() {
        return dir;
    }

    /**
     * Stops the sshds and every process in the hosts' namespaces, deletes the namespaces (the veth
     * pairs go with them) and the directory; returns once all of it is gone. Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<IOException> failures = new ArrayList<>();
        stopProcesses(failures);
        network.delete(failures);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            failures.add(new IOException("deleting " + dir + ": " + e.getMessage()));
        }
        if (Files.exists(dir)) {
            failures.add(new IOException("could not delete " + dir));
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: this is the hook.
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("simulated hosts not wholly removed: " + failures.getFirst().getMessage());
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    /** The network, the keys, the configs, then one {@code sshd -D} per host, inside its namespace. */
    private synchronized void build() throws IOException {
        if (closed) {
            throw new IOException("simulated hosts closed before they were made");
        }
        network.build(count);
        for (String key : List.of("host_ed25519", "client_ed25519")) {
            Commands.check(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "wbhosts-" + key,
                    "-f", dir.resolve(key).toString()));
        }
        Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
        Map<String, String> addresses = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            addresses.put(destination(i), address(i));
        }
        Files.writeString(sshConfig(), SshConfigs.client(addresses, dir.resolve("client_ed25519")));
        // sshd's privilege separation directory, which the package's service would make at boot.
        Path privsep = Path.of("/run/sshd");
        if (!Files.isDirectory(privsep)) {
            Files.createDirectories(privsep);
            Files.setPosixFilePermissions(privsep, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (int i = 1; i <= count; i++) {
            Path config = dir.resolve("sshd_config-" + i);
            Files.writeString(config, SshConfigs.server(address(i), dir, i));
            // ip netns exec execs sshd in its own process: the pid is sshd's.
            sshds.add(new ProcessBuilder("ip", "netns", "exec", network.namespace(i), SSHD.toString(), "-D", "-e", "-f", config.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sshd-" + i + ".log").toFile())
                    .start());
        }
    }

    /**
     * Returns once root gets in with the client key on every host; fails after {@link #SSHD_READY}
     * or when an sshd exits. It asks for the SFTP subsystem, which sshd serves itself
     * ({@code internal-sftp}), so no shell runs: a slow or stuck rc file of root's is not this wait's
     * business, and a session killed by {@link #close()} is never one in the middle of it.
     */
    private void awaitSshds() throws IOException {
        long deadline = System.nanoTime() + SSHD_READY.toNanos();
        for (int i = 1; i <= count; i++) {
            Process sshd;
            synchronized (this) {
                sshd = sshds.get(i - 1);
            }
            List<String> sftp = List.of("ssh", "-F", sshConfig().toString(), "-s", destination(i), "sftp");
            while (true) {
                String failure;
                try {
                    Commands.Result r = Commands.run(sftp, Duration.ofSeconds(10));
                    if (r.status() == 0) {
                        break;
                    }
                    failure = r.firstErrorLine();
                } catch (IOException e) {
                    failure = e.getMessage();
                }
                synchronized (this) {
                    if (closed) {
                        throw new IOException("closed while waiting for " + destination(i));
                    }
                }
                if (!sshd.isAlive()) {
                    throw new IOException("the sshd of " + destination(i) + " exited (" + sshd.exitValue() + "): " + logTail(i));
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("no ssh to " + destination(i) + " within " + SSHD_READY.toSeconds() + " s ("
                            + failure + "); its sshd says: " + logTail(i));
                }
                pause();
            }
        }
    }

    /**
     * Each sshd, what runs under it, and whatever else still runs in the hosts' namespaces (a
     * process a session left in the background is no longer an sshd's descendant): SIGTERM, then
     * after 5 s SIGKILL.
     */
    private void stopProcesses(List<IOException> failures) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        for (Process sshd : sshds) {
            all.add(sshd.toHandle());
            sshd.descendants().forEach(all::add);
        }
        all.addAll(network.processes(failures));
        all.forEach(ProcessHandle::destroy);
        if (!allExited(all)) {
            all.forEach(ProcessHandle::destroyForcibly);
            if (!allExited(all)) {
                failures.add(new IOException("still alive: " + all.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList()));
            }
        }
    }

    private static boolean allExited(Set<ProcessHandle> processes) {
        try {
            CompletableFuture.allOf(processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return processes.stream().noneMatch(ProcessHandle::isAlive);
        }
    }

    private String logTail(int i) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("sshd-" + i + ".log"));
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    private static void pause() throws IOException {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for sshd");
        }
    }
}
