package io.asyncworkbench.experiment;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Linux network namespace of the runner's own, for a series whose kernel settings must differ
 * from the host's (the ephemeral-port trap needs {@code net.ipv4.tcp_tw_reuse=0}, a per-namespace
 * setting): its loopback is up, its sysctls set, and a veth pair joins it to the host so the runner
 * (in the host's namespace) can verify the server and scrape {@code /metrics}. The pair is addressed
 * from RFC 2544's benchmarking range, 198.18.0.0/15: {@code 198.18.N.1} on the host's end,
 * {@code 198.18.N.2} inside. Server and generator run inside ({@link #prefix()}) and talk over the
 * namespace's own loopback.
 *
 * <p>{@link #close()} deletes the namespace, which deletes the pair with it; the runner also calls
 * it from its shutdown hook, so Ctrl-C leaves nothing behind. Everything goes through
 * {@code ip} from iproute2, as root.
 */
final class Netns implements AutoCloseable {

    /** The benchmarking range's first /16: each namespace of a run takes one /30 of it. */
    private static final String SUBNET = "198.18.";

    private static final AtomicInteger NEXT = new AtomicInteger();
    /** The namespaces not yet deleted, for {@link #closeAll()} on Ctrl-C. */
    private static final Set<Netns> OPEN = ConcurrentHashMap.newKeySet();

    private final String name;
    private final int index;
    private boolean deleted;

    private Netns(String name, int index) {
        this.name = name;
        this.index = index;
    }

    /**
     * Why namespaces cannot be made here, in one line, or empty when they can: the runner must be
     * root and find {@code ip}.
     */
    static Optional<String> unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("needs root to create a network namespace (running as " + System.getProperty("user.name") + ")");
        }
        try {
            run(List.of("ip", "netns", "list"));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot run 'ip netns' (iproute2): " + e.getMessage());
        }
    }

    /**
     * Creates the next namespace of this runner, named after its pid, with {@code sysctls} set
     * inside; deletes what it made if a step fails.
     */
    static Netns create(Map<String, String> sysctls) throws IOException {
        int index = NEXT.getAndIncrement() % 256;
        String id = ProcessHandle.current().pid() + "-" + index;
        Netns ns = new Netns("wb-" + id, index);
        try {
            run(List.of("ip", "netns", "add", ns.name));
            run(List.of("ip", "-n", ns.name, "link", "set", "lo", "up"));
            String host = "wbh" + id;
            String inside = "wbn" + id;
            run(List.of("ip", "link", "add", host, "type", "veth", "peer", "name", inside, "netns", ns.name));
            run(List.of("ip", "addr", "add", ns.hostAddress() + "/30", "dev", host));
            run(List.of("ip", "link", "set", host, "up"));
            run(List.of("ip", "-n", ns.name, "addr", "add", ns.address() + "/30", "dev", inside));
            run(List.of("ip", "-n", ns.name, "link", "set", inside, "up"));
            for (Map.Entry<String, String> s : sysctls.entrySet()) {
                ns.exec(List.of("sysctl", "-q", "-w", s.getKey() + "=" + s.getValue()));
            }
            OPEN.add(ns);
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** The namespace's name, as {@code ip netns list} shows it. */
    String name() {
        return name;
    }

    /** The address inside the namespace that the host reaches it on. */
    String address() {
        return SUBNET + index + ".2";
    }

    private String hostAddress() {
        return SUBNET + index + ".1";
    }

    /** The command prefix that runs a program inside: {@code ip netns exec NAME}. */
    List<String> prefix() {
        return List.of("ip", "netns", "exec", name);
    }

    /** The value of {@code key} (e.g. {@code net.ipv4.tcp_tw_reuse}) inside the namespace. */
    String sysctl(String key) throws IOException {
        return exec(List.of("sysctl", "-n", key)).trim().replaceAll("\\s+", " ");
    }

    /**
     * Destroys every TIME_WAIT socket inside ({@code ss -K}), so the next repetition starts with
     * the whole local port range free instead of waiting out the 60 s.
     */
    void clearTimeWait() throws IOException {
        exec(List.of("ss", "-K", "-tn", "state", "time-wait"));
    }

    /** What meta.json records: the name, the address and the settings asked for, as read back. */
    Map<String, Object> describe(Map<String, String> sysctls) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("address", address());
        Map<String, String> read = new LinkedHashMap<>();
        for (String key : sysctls.keySet()) {
            read.put(key, sysctl(key));
        }
        read.put("net.ipv4.ip_local_port_range", sysctl("net.ipv4.ip_local_port_range"));
        out.put("sysctls", read);
        return out;
    }

    /** Deletes every namespace this runner made and has not yet deleted (the shutdown hook's part). */
    static void closeAll() {
        List.copyOf(OPEN).forEach(Netns::close);
    }

    /** Deletes the namespace (and the veth pair with it); safe to call twice. */
    @Override
    public synchronized void close() {
        if (deleted) {
            return;
        }
        deleted = true;
        OPEN.remove(this);
        try {
            run(List.of("ip", "netns", "del", name));
        } catch (IOException e) {
            // Already gone, or never made: nothing of ours is left either way.
        }
    }

    private String exec(List<String> command) throws IOException {
        List<String> all = new ArrayList<>(prefix());
        all.addAll(command);
        return run(all);
    }

    /** Runs {@code command}, returns its standard output; fails with the command and its first line of error output. */
    private static String run(List<String> command) throws IOException {
        try {
            return ShortCommand.run(command, Duration.ofSeconds(10));
        } catch (IOException e) {
            throw new IOException(String.join(" ", command) + ": " + e.getMessage(), e);
        }
    }
}
