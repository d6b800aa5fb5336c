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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * SSH hosts simulated on this machine, to test the runner's placement of server and generators on
 * other hosts without a second machine. Each host is a Linux network namespace running an
 * {@code sshd} of its own (Debian's openssh-server); the hosts and the runner's own namespace hang
 * off one bridge in a "switch" namespace, as machines on one LAN would. For pid P, fixture K, two hosts:
 *
 * <pre>
 *  root namespace         switch: namespace wbsw-P-K          hosts: namespaces wbhost-P-K-1, -2
 *
 *  wbrP-K 198.19.K.1 ── veth ── wbPup ─┐
 *                                   bridge wbPbr
 *                               wbPp1 ─┤── veth ── wbPh1 198.19.K.2, sshd on port 22
 *                               wbPp2 ─┘── veth ── wbPh2 198.19.K.3, sshd on port 22
 * </pre>
 *
 * Addresses come from RFC 2544's benchmarking range: one /24 of 198.19.0.0/16 per fixture (the
 * runner's {@link Netns} takes 198.18.0.0/16), the first one from a pid-derived start that no
 * address of the root namespace is in yet, so two fixtures, in one JVM or in two, do not collide.
 * Only the root end's device is ever in the root namespace; the others are made straight inside
 * the fixture's own namespaces. Hosts are numbered from 1, as their aliases are:
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
 * namespaces ({@code ip netns pids}); deletes the namespaces and the directory.
 * It is also a shutdown hook, so Ctrl-C or a failed test leaves nothing behind, and
 * {@link #create} calls it when a step fails. Needs root: {@link #unavailable()} says, in one line,
 * why the hosts cannot be made here.
 */
final class SimulatedHosts implements AutoCloseable {

    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration SSHD_READY = Duration.ofSeconds(30);
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicInteger NEXT = new AtomicInteger();
    /** The third octets of 198.19.0.0/16 held by this JVM's open fixtures. */
    private static final Set<Integer> TAKEN = ConcurrentHashMap.newKeySet();

    private final int subnet;
    private final int count;
    private final Path dir;
    private final Thread hook = new Thread(this::close, "simulated-hosts-cleanup");
    // What close() undoes; the building steps hold the lock, so a close() from the hook waits for one.
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> sshds = new ArrayList<>();
    private String rootLink;
    private boolean closed;

    private SimulatedHosts(int subnet, int count, Path dir) {
        this.subnet = subnet;
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
            String probe = "wbprobe-" + PID + "-" + NEXT.getAndIncrement();
            Commands.check(List.of("ip", "netns", "add", probe));
            Commands.check(List.of("ip", "netns", "del", probe));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot make a network namespace: " + e.getMessage());
        }
    }

    /** Makes {@code count} hosts (1 to 250) and returns once each one's sshd lets root in. */
    static SimulatedHosts create(int count) throws IOException {
        if (count < 1 || count > 250) {
            throw new IllegalArgumentException("1 to 250 hosts, not " + count);
        }
        int subnet = reserveSubnet();
        Path dir;
        try {
            dir = Files.createTempDirectory("wbhosts-");
        } catch (IOException e) {
            TAKEN.remove(subnet);
            throw e;
        }
        SimulatedHosts hosts = new SimulatedHosts(subnet, count, dir);
        Runtime.getRuntime().addShutdownHook(hosts.hook);
        try {
            hosts.wire();
            hosts.startSshds();
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
        return "198.19." + subnet + "." + (Objects.checkIndex(i - 1, count) + 2);
    }

    /** The address of the root namespace's end of the switch, {@code 198.19.K.1}: where the hosts reach the runner. */
    String rootAddress() {
        return "198.19." + subnet + ".1";
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
        return List.copyOf(namespaces);
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
        if (rootLink != null) {
            attempt(failures, List.of("ip", "link", "del", rootLink));
        }
        namespaces.reversed().forEach(ns -> attempt(failures, List.of("ip", "netns", "del", ns)));
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            failures.add(new IOException("deleting " + dir + ": " + e.getMessage()));
        }
        if (Files.exists(dir)) {
            failures.add(new IOException("could not delete " + dir));
        }
        TAKEN.remove(subnet);
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

    /** The first /24 of 198.19.0.0/16, counting from a pid-derived start, that neither this JVM nor the root namespace uses. */
    private static int reserveSubnet() throws IOException {
        String inUse = Commands.check(List.of("ip", "-4", "-o", "addr", "show"));
        int start = (int) ((PID * 7 + NEXT.getAndIncrement()) % 256);
        for (int n = 0; n < 256; n++) {
            int k = (start + n) % 256;
            if (!inUse.contains(" 198.19." + k + ".") && TAKEN.add(k)) {
                return k;
            }
        }
        throw new IOException("every /24 of 198.19.0.0/16 already has an address in the root namespace");
    }

    /** The switch, the link from the root namespace to it, and each host on it. */
    private synchronized void wire() throws IOException {
        String sw = namespace("wbsw-" + PID + "-" + subnet);
        String bridge = device("br");
        ip("-n", sw, "link", "add", bridge, "type", "bridge");
        ip("-n", sw, "link", "set", bridge, "up");

        // The runner's end, the only device made in the root namespace: named after the pid and K.
        String uplink = device("up");
        ip("link", "add", "wbr" + PID + "-" + subnet, "type", "veth", "peer", "name", uplink, "netns", sw);
        rootLink = "wbr" + PID + "-" + subnet;
        ip("-n", sw, "link", "set", uplink, "master", bridge, "up");
        ip("addr", "add", rootAddress() + "/24", "dev", rootLink);
        ip("link", "set", rootLink, "up");

        for (int i = 1; i <= count; i++) {
            String host = namespace("wbhost-" + PID + "-" + subnet + "-" + i);
            String port = device("p" + i);
            String nic = device("h" + i);
            ip("-n", sw, "link", "add", port, "type", "veth", "peer", "name", nic, "netns", host);
            ip("-n", sw, "link", "set", port, "master", bridge, "up");
            ip("-n", host, "addr", "add", address(i) + "/24", "dev", nic);
            ip("-n", host, "link", "set", nic, "up");
        }
    }

    /** The keys, the configs, then one {@code sshd -D} per host, inside its namespace. */
    private synchronized void startSshds() throws IOException {
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
            sshds.add(new ProcessBuilder("ip", "netns", "exec", namespaces.get(i), SSHD.toString(), "-D", "-e", "-f", config.toString())
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
        for (String ns : namespaces) {
            try {
                Commands.check(List.of("ip", "netns", "pids", ns)).lines()
                        .map(Long::parseLong).map(ProcessHandle::of).flatMap(Optional::stream).forEach(all::add);
            } catch (IOException e) {
                failures.add(e);
            }
        }
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

    /** Makes a namespace with its loopback up, remembered for {@link #close()}. */
    private String namespace(String name) throws IOException {
        ip("netns", "add", name);
        namespaces.add(name);
        ip("-n", name, "link", "set", "lo", "up");
        return name;
    }

    /** A device name inside the fixture's namespaces: "wb", the pid, a suffix; at most 15 characters (IFNAMSIZ). */
    private static String device(String suffix) {
        String name = "wb" + PID + suffix;
        if (name.length() > 15) {
            throw new IllegalStateException("device name too long for IFNAMSIZ: " + name);
        }
        return name;
    }

    private void ip(String... args) throws IOException {
        if (closed) {
            throw new IOException("simulated hosts closed while being made");
        }
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Commands.check(command);
    }

    private static void attempt(List<IOException> failures, List<String> command) {
        try {
            Commands.check(command);
        } catch (IOException e) {
            failures.add(e);
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
