package io.asyncworkbench.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run's programs run: the server on one host, the load generators on one or more. By
 * default all on this machine; with {@code --server-host} and {@code --load-host} on machines the
 * runner reaches over SSH. {@link #connect} checks every remote host before anything is measured
 * (Java 21+ and the jar there, read with {@code host-facts}), and measures its clock against the
 * runner's, for meta.json's {@code hosts}.
 *
 * <pre>{@code
 * Hosts hosts = Hosts.connect(new Hosts.Choice("bench@10.0.0.5", List.of("load1", "load2"), null, ssh), loadJar);
 * }</pre>
 */
final class Hosts {

    /**
     * What the user chose: the server's SSH destination (null: this machine), the load hosts' (empty:
     * this machine), the address the generators and the runner reach the server on (null: the host
     * name ssh resolves its destination to), and how to use SSH.
     */
    record Choice(String serverHost, List<String> loadHosts, String serverAddress, Host.Ssh ssh) {

        static Choice thisMachine() {
            return new Choice(null, List.of(), null, null);
        }

        boolean remote() {
            return serverHost != null || !loadHosts.isEmpty();
        }
    }

    private final Host server;
    private final List<Host> load;
    private final Map<Host, Map<String, Object>> facts;
    private final Map<Host, double[]> clocks;

    private Hosts(Host server, List<Host> load, Map<Host, Map<String, Object>> facts, Map<Host, double[]> clocks) {
        this.server = server;
        this.load = load;
        this.facts = facts;
        this.clocks = clocks;
    }

    /** The hosts {@code choice} names, each checked and its clock measured; fails with one line naming the host that cannot run. */
    static Hosts connect(Choice choice, Path loadtestsJar) throws IOException {
        if (!choice.remote()) {
            Host load = Host.local("load-1", null);
            return new Hosts(Host.local("server", null), List.of(load), Map.of(), Map.of(load, new double[] {0, 0}));
        }
        Host server;
        if (choice.serverHost() != null) {
            server = Host.ssh("server", choice.serverHost(), choice.serverAddress(), choice.ssh());
        } else if (choice.serverAddress() != null) {
            server = Host.local("server", choice.serverAddress());
        } else {
            throw new IllegalArgumentException("the load hosts need --server-address: where they reach the server on this machine");
        }
        List<Host> load = new ArrayList<>();
        List<String> destinations = choice.loadHosts().isEmpty() ? List.of("local") : choice.loadHosts();
        for (String destination : destinations) {
            String label = "load-" + (load.size() + 1);
            load.add(destination.equals("local") ? Host.local(label, null) : Host.ssh(label, destination, null, choice.ssh()));
        }
        Map<Host, Map<String, Object>> facts = new LinkedHashMap<>();
        Map<Host, double[]> clocks = new LinkedHashMap<>();
        List<Host> all = new ArrayList<>(List.of(server));
        all.addAll(load);
        for (Host host : all) {
            facts.put(host, host.facts(loadtestsJar));
            clocks.put(host, host.clockOffset());
        }
        return new Hosts(server, List.copyOf(load), facts, clocks);
    }

    Host server() {
        return server;
    }

    List<Host> load() {
        return load;
    }

    /** Whether any program runs elsewhere than on this machine. */
    boolean remote() {
        return !facts.isEmpty();
    }

    /** Whether each load host's figures are kept beside the total: the load came from more than one host, or from another. */
    boolean byHost() {
        return load.size() > 1 || load.stream().anyMatch(Host::remote);
    }

    /** The address the server listens on: every interface when others must reach it, else loopback only. */
    String serverListenAddress() {
        return remote() ? "0.0.0.0" : "127.0.0.1";
    }

    /** Where the runner and the generators reach the server (when it is not in a namespace of its own). */
    String serverAddress() {
        return remote() ? server.address() : "127.0.0.1";
    }

    /** Each load host's clock minus the runner's, in milliseconds, in the order of {@link #load()}. */
    List<Double> loadClockOffsets() {
        return load.stream().map(h -> clocks.get(h)[0]).toList();
    }

    /** meta.json's {@code hosts}: every host's role, label, destination, address, facts and clock; null when all ran here. */
    Map<String, Object> describe() {
        if (!remote()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("server", describe(server));
        out.put("load", load.stream().map(this::describe).toList());
        return out;
    }

    private Map<String, Object> describe(Host host) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", host.label());
        out.put("destination", host.destination());
        out.put("address", host.address());
        out.putAll(facts.get(host));
        double[] clock = clocks.get(host);
        out.put("clockOffsetMillis", Math.round(clock[0] * 1000) / 1000.0);
        out.put("clockUncertaintyMillis", Math.round(clock[1] * 1000) / 1000.0);
        return out;
    }
}
