package io.asyncworkbench.report;

import io.asyncworkbench.run.RunMeta;
import io.asyncworkbench.run.Spread;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where and how a run was made, from its {@code meta.json}: the series (server, flags) and the
 * machine (CPU, memory, kernel, JDK, CPU pinning, JVM flags, the sysctls that matter, git commit,
 * command). A figure is only as good as what is known about the machine that made it; missing
 * fields show as {@code —}.
 */
final class SetupTables {

    private SetupTables() {
    }

    /**
     * One row per series: id, label, stage, server arguments, fd limit, where it ran (the host, or
     * a network namespace of its own with its settings), its warm-up, how soon after its last
     * step a fresh request was answered (the accept-loop storm's recovery) and, where a run has
     * them, the lines each server logged about EMFILE per step and how long after running out of
     * local ports a fresh connection from the same address was answered.
     */
    static Block.Table series(Run run) {
        List<String> headers = new ArrayList<>(List.of("series", "label", "stage", "server arguments", "fd limit", "ran in", "warm-up",
                "answered again after"));
        List<Boolean> numeric = new ArrayList<>(List.of(false, false, false, false, true, false, false, true));
        boolean fdLog = run.meta().series().stream().anyMatch(s -> s.fdExhaustionLogLines() != null);
        if (fdLog) {
            headers.add("EMFILE lines logged per step");
            numeric.add(false);
        }
        boolean portsBack = run.meta().series().stream().anyMatch(s -> s.portsBackMillis() != null);
        if (portsBack) {
            headers.add("out of ports: a fresh connection from the same address after");
            numeric.add(true);
        }
        return new Block.Table(headers, numeric, run.meta().series().stream().map(s -> {
            List<String> row = new ArrayList<>(List.of(
                    "`" + s.id() + "`",
                    or(s.label()),
                    or(s.stage()),
                    s.serverArgs() == null || s.serverArgs().isEmpty() ? Numbers.NONE : "`" + String.join(" ", s.serverArgs()) + "`",
                    s.fdLimit() == null ? Numbers.NONE : Integer.toString(s.fdLimit()),
                    ranIn(s, run.meta().hosts()),
                    warmup(s.warmup()),
                    s.recoveryMillis() == null ? Numbers.NONE
                            : s.recoveryMillis() < 0 ? "not within 30 s" : Numbers.whole(s.recoveryMillis()) + " ms"));
            if (fdLog) {
                row.add(fdLogLines(s.fdExhaustionLogLines()));
            }
            if (portsBack) {
                row.add(s.portsBackMillis() == null ? Numbers.NONE
                        : s.portsBackMillis() < 0 ? "not within 90 s" : Numbers.millis(s.portsBackMillis() / 1000.0) + " s");
            }
            return List.copyOf(row);
        }).toList());
    }

    /** E.g. {@code idle-storm 1, load-storm 2 (1–3)}: per phase, the median step and the range of its repetitions. */
    static String fdLogLines(Map<String, List<Long>> byPhase) {
        if (byPhase == null || byPhase.isEmpty()) {
            return Numbers.NONE;
        }
        return byPhase.entrySet().stream()
                .map(e -> e.getKey() + " " + Numbers.range(Spread.of(e.getValue().stream().map(Long::doubleValue).toList()), Numbers::whole))
                .collect(Collectors.joining(", "));
    }

    /**
     * {@code the host}, {@code server host wbhost1, load from 2 hosts} (a run across machines),
     * {@code its own network namespace (tcp_tw_reuse 0, ...)} or {@code skipped: why}.
     */
    private static String ranIn(RunMeta.Series s, RunMeta.Hosts hosts) {
        if (s.skipped() != null) {
            return "skipped: " + s.skipped();
        }
        if (s.netns() == null && hosts != null) {
            return "server host `" + hosts.server().destination() + "`, load from " + hosts.load().size()
                    + (hosts.load().size() == 1 ? " host" : " hosts") + " (see Hosts)";
        }
        if (s.netns() == null) {
            return "the host";
        }
        Map<String, String> sysctls = s.netns().sysctls() == null ? Map.of() : s.netns().sysctls();
        return "its own network namespace" + (sysctls.isEmpty() ? "" : " (" + sysctls.entrySet().stream()
                .map(e -> "`" + e.getKey().replace("net.ipv4.", "") + "` " + e.getValue()).collect(Collectors.joining(", ")) + ")");
    }

    /** E.g. {@code 8.4 s, steady} or {@code 40.2 s, not steady (cap)}. */
    private static String warmup(RunMeta.Warmup w) {
        if (w == null || w.seconds() == null) {
            return Numbers.NONE;
        }
        return Numbers.millis(w.seconds()) + " s, " + (Boolean.TRUE.equals(w.steady()) ? "steady" : "not steady (cap)");
    }

    /** Two columns, what and value; {@code runPath} is the run folder as the reader should find it. */
    static Block.Table machine(Run run, String runPath) {
        RunMeta m = run.meta();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("run", "`" + runPath + "`, profile " + or(m.profile()) + ", " + or(m.started()) + " to " + or(m.finished())));
        rows.add(List.of("command", m.runnerCommand() == null ? Numbers.NONE : "`" + m.runnerCommand() + "`"));
        rows.add(List.of("git commit", m.git() == null ? Numbers.NONE
                : or(m.git().commit()) + (Boolean.TRUE.equals(m.git().dirty()) ? " (with uncommitted changes)" : "")));
        RunMeta.Machine machine = m.machine();
        rows.add(List.of("CPU", machine == null ? Numbers.NONE
                : or(machine.cpuModel()) + ", " + (machine.cpus() == null ? "?" : machine.cpus()) + " CPUs"));
        rows.add(List.of("memory", machine == null || machine.memoryBytes() == null ? Numbers.NONE
                : String.format(Locale.ROOT, "%.1f GiB", machine.memoryBytes() / (1024.0 * 1024 * 1024))));
        rows.add(List.of("kernel", machine == null ? Numbers.NONE : or(machine.kernel())));
        rows.add(List.of("JDK", m.jdk() == null ? Numbers.NONE : or(m.jdk().version()) + " (" + or(m.jdk().vendor()) + ")"));
        rows.add(List.of("placement", placement(m.placement())));
        rows.add(List.of("JVM flags", m.jvmFlags() == null || m.jvmFlags().isEmpty() ? Numbers.NONE
                : "`" + String.join(" ", m.jvmFlags()) + "`"));
        Map<String, String> sysctl = machine == null || machine.sysctl() == null ? Map.of() : new TreeMap<>(machine.sysctl());
        sysctl.forEach((key, value) -> rows.add(List.of("`" + key + "`", "`" + value + "`")));
        rows.add(List.of("p99 bound", Numbers.millis(m.p99BoundMillis()) + " ms (for the maximum sustainable rate)"));
        return new Block.Table(List.of("what", "value"), List.of(false, false), rows);
    }

    private static String placement(RunMeta.Placement p) {
        if (p == null) {
            return Numbers.NONE;
        }
        return "server on CPU " + or(p.serverCpus()) + ", load generator on CPU " + or(p.loadCpus())
                + (Boolean.TRUE.equals(p.pinned()) ? ", pinned with taskset" : ", not pinned");
    }

    private static String or(String value) {
        return value == null || value.isBlank() ? Numbers.NONE : value;
    }
}
