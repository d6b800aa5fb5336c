package io.asyncworkbench.experiment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The network of {@link SimulatedHosts}: a "switch" namespace holding a Linux bridge, one namespace
 * per host on it by a veth pair, and the root namespace on it by one more, as machines on one LAN
 * would be. For pid P, fixture K, two hosts:
 *
 * <pre>
 *  root namespace         switch: namespace wbsw-P-K          hosts: namespaces wbhost-P-K-1, -2
 *
 *  wbrP-K 198.19.K.1 ── veth ── wbPup ─┐
 *                                   bridge wbPbr
 *                               wbPp1 ─┤── veth ── wbPh1 198.19.K.2
 *                               wbPp2 ─┘── veth ── wbPh2 198.19.K.3
 * </pre>
 *
 * Addresses come from RFC 2544's benchmarking range: one /24 of 198.19.0.0/16 per fixture (the
 * runner's {@link Netns} takes 198.18.0.0/16), the first one from a pid-derived start that no
 * address of the root namespace is in yet, so two fixtures, in one JVM or in two, do not collide.
 * Only the root end's device is ever in the root namespace; the others are made straight inside
 * the fixture's own namespaces. Hosts are numbered from 1. Everything goes through {@code ip} from
 * iproute2, as root. Not thread-safe: {@link SimulatedHosts} calls it under its lock.
 */
final class SimulatedNetwork {

    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicInteger NEXT = new AtomicInteger();
    /** The third octets of 198.19.0.0/16 held by this JVM's networks not yet deleted. */
    private static final Set<Integer> TAKEN = ConcurrentHashMap.newKeySet();

    private final int subnet;
    private final List<String> namespaces = new ArrayList<>();
    private String rootLink;

    private SimulatedNetwork(int subnet) {
        this.subnet = subnet;
    }

    /** Why a namespace cannot be made here, in one line, or empty when it can. */
    static Optional<String> unavailable() {
        String probe = "wbprobe-" + PID + "-" + NEXT.getAndIncrement();
        try {
            Commands.check(List.of("ip", "netns", "add", probe));
            Commands.check(List.of("ip", "netns", "del", probe));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot make a network namespace: " + e.getMessage());
        }
    }

    /**
     * Takes the first /24 of 198.19.0.0/16, counting from a pid-derived start, that neither this
     * JVM nor the root namespace uses; nothing is made yet.
     */
    static SimulatedNetwork reserve() throws IOException {
        String inUse = Commands.check(List.of("ip", "-4", "-o", "addr", "show"));
        int start = (int) ((PID * 7 + NEXT.getAndIncrement()) % 256);
        for (int n = 0; n < 256; n++) {
            int k = (start + n) % 256;
            if (!inUse.contains(" 198.19." + k + ".") && TAKEN.add(k)) {
                return new SimulatedNetwork(k);
            }
        }
        throw new IOException("every /24 of 198.19.0.0/16 already has an address in the root namespace");
    }

    /** Makes the switch, the root namespace's link to it, and {@code count} hosts on it. */
    void build(int count) throws IOException {
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

    /** Host {@code i}'s address, {@code 198.19.K.(i+1)}. */
    String address(int i) {
        return "198.19." + subnet + "." + (i + 1);
    }

    /** The root namespace's address on the switch, {@code 198.19.K.1}. */
    String rootAddress() {
        return "198.19." + subnet + ".1";
    }

    /** Host {@code i}'s namespace, for {@code ip netns exec}. */
    String namespace(int i) {
        return namespaces.get(i);
    }

    /** The namespaces made so far, switch first. */
    List<String> namespaces() {
        return List.copyOf(namespaces);
    }

    /** Every process that runs in one of the namespaces ({@code ip netns pids}). */
    Set<ProcessHandle> processes(List<IOException> failures) {
        Set<ProcessHandle> out = new LinkedHashSet<>();
        for (String ns : namespaces) {
            try {
                Commands.check(List.of("ip", "netns", "pids", ns)).lines()
                        .map(Long::parseLong).map(ProcessHandle::of).flatMap(Optional::stream).forEach(out::add);
            } catch (IOException e) {
                failures.add(e);
            }
        }
        return out;
    }

    /** Deletes the root link and the namespaces (their devices go with them) and frees the /24. */
    void delete(List<IOException> failures) {
        if (rootLink != null) {
            attempt(failures, List.of("ip", "link", "del", rootLink));
            rootLink = null;
        }
        namespaces.reversed().forEach(ns -> attempt(failures, List.of("ip", "netns", "del", ns)));
        namespaces.clear();
        TAKEN.remove(subnet);
    }

    /** Makes a namespace with its loopback up, remembered for {@link #delete}. */
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

    private static void ip(String... args) throws IOException {
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
}
