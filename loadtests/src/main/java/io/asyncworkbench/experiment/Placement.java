package io.asyncworkbench.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * Which CPUs the server and the load generator run on. {@code split} (the default) gives them
 * disjoint CPUs so that neither steals the other's core; {@code shared} lets both use every CPU,
 * for experiments whose server needs more threads than half the machine (2 threads of work on 2
 * cores) and whose load is light enough not to matter. On one CPU nothing is pinned. The
 * generator is a process of its own on the load CPUs; the runner (this JVM: its metrics scraper,
 * its HTTP client, its JIT and GC) keeps off them, on the server's CPUs, where it only wakes
 * between steps and once a second to scrape.
 */
record Placement(CpuSet serverCpus, CpuSet loadCpus, boolean pinned) {

    static Placement choose(String mode, int cpus, CpuSet serverOverride, CpuSet loadOverride) {
        if (serverOverride != null || loadOverride != null) {
            CpuSet all = CpuSet.all(cpus);
            return new Placement(serverOverride == null ? all : serverOverride, loadOverride == null ? all : loadOverride, true);
        }
        CpuSet[] split = CpuSet.split(cpus);
        if ("shared".equals(mode) || split == null) {
            return new Placement(CpuSet.all(cpus), CpuSet.all(cpus), false);
        }
        return new Placement(split[0], split[1], true);
    }

    /** The command prefix that places the load generator: {@code taskset -c 1}, or nothing when not pinned. */
    List<String> loadPrefix() {
        return pinned ? List.of("taskset", "-c", loadCpus.toString()) : List.of();
    }

    /** The command prefix that places a server: {@code taskset -c 0} (and a lowered fd limit when asked). */
    List<String> serverPrefix(Integer fdLimit) {
        List<String> prefix = new ArrayList<>();
        if (pinned) {
            prefix.addAll(List.of("taskset", "-c", serverCpus.toString()));
        }
        if (fdLimit != null) {
            prefix.addAll(List.of("prlimit", "--nofile=" + fdLimit + ":" + fdLimit));
        }
        return prefix;
    }

    /**
     * Sets the CPUs of this JVM (the runner, every thread) to the server's, off the generator's; in
     * {@code shared} mode to all of them, undoing an earlier experiment's pinning.
     */
    void pinThisProcess() {
        String out = Provenance.run(java.nio.file.Path.of("."), "taskset", "-a", "-p", "-c", serverCpus.toString(),
                Long.toString(ProcessHandle.current().pid()));
        if (out.isEmpty() && pinned) {
            throw new IllegalStateException("could not pin the runner with taskset (is util-linux installed?)");
        }
    }
}
