package io.asyncworkbench.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A run's {@code meta.json} (docs/run-format.md): what ran, where and how, and the published
 * figures to compare with. The one definition of the file: the runner writes its record through
 * this type (a field it does not declare fails the run), the report reads it back with it. A
 * field that is null is left out; {@code hosts} is there only when the server or the load ran on
 * other hosts than the runner's. Older runs lack some fields, and the reader takes them as null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunMeta(String experiment, String title, String summary, String sizing, String profile, String started, String finished,
                      Git git, Machine machine, Jdk jdk, Hosts hosts, Placement placement,
                      List<String> jvmFlags, List<String> generatorJvmFlags, List<String> runnerJvmFlags, String runnerCommand,
                      List<String> loadArgs, List<String> warmupArgs, Map<String, Object> steps,
                      Double p99BoundMillis, String p99BoundReason, List<Series> series,
                      List<Published> published, List<Ratio> ratios) {

    /** The commit the jars were built from, and whether the tree had uncommitted changes (null: unknown). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Git(String commit, Boolean dirty) {
    }

    /** The machine: CPU model and count, kernel, memory, the network settings that change results, the open-file limit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Machine(String cpuModel, Integer cpus, String kernel, Long memoryBytes, Map<String, String> sysctl,
                          String openFileLimit) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Jdk(String version, String vendor, String home) {
    }

    /** The CPUs of the servers and of the load generators, and whether they were pinned apart. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Placement(String serverCpus, String loadCpus, Boolean pinned) {
    }

    /**
     * Where the server and the load generators ran, when not all on the runner's machine (null when
     * they did): the server's host and the load hosts, in meta.json's order.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hosts(Host server, List<Host> load) {

        /**
         * Whether each load host's figures are kept apart ({@code steps-by-host.csv} and a
         * {@code <series>.<label>.hlog} per host): when the load came from more than one host or
         * from another host than the runner's.
         */
        public boolean loadByHost() {
            return load.size() > 1 || load.stream().anyMatch(h -> !LOCAL.equals(h.destination()));
        }

        public List<String> loadLabels() {
            return load.stream().map(Host::label).toList();
        }
    }

    /**
     * One host of a run: its label ({@code server}, {@code load-1}, ...), its SSH destination as the
     * user gave it ({@link #LOCAL} for the runner's own machine), its address, machine and JDK, and
     * its clock: {@code clockOffsetMillis} is its clock minus the runner's, measured at the start,
     * {@code clockUncertaintyMillis} half the round trip of that measurement.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Host(String label, String destination, String address, Machine machine, Jdk jdk,
                       Double clockOffsetMillis, Double clockUncertaintyMillis) {
    }

    /** The {@code destination} of a host that is the runner's own machine. */
    public static final String LOCAL = "local";

    /** A series' own network namespace: its name, its address from the host, its sysctls as read back. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Netns(String name, String address, Map<String, String> sysctls) {
    }

    /**
     * One server configuration; {@code threads} the threads its startup line announced (null in
     * runs older than the field), {@code group} the implementation it belongs to when the
     * experiment compares several (or null), {@code warmup} how its warm-up went, and
     * {@code recoveryMillis} how long after its last step a fresh request was first answered
     * (-1: not within 30 s). {@code netns} is the network namespace it ran in (null: the host's),
     * {@code skipped} why it did not run at all (null when it ran). {@code fdExhaustionLogLines}:
     * for a series with an fd limit, the server's log lines about EMFILE in each step, by phase
     * (null in runs older than the field). {@code portsBackMillis}: for a series in a network
     * namespace whose last step ran out of local ports, how long after it a fresh connection from
     * the same address was answered (-1: not within 90 s; null: it did not run out, or an older run).
     * {@code maxSustainableRps} the knee a search found (null: none held, or no search), and
     * {@code kneeAboveSweep} whether it lay above every rate of the sweep; {@code exitStatus} the
     * server's when it was stopped (-1: killed).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Series(String id, String label, String stage, String group, List<String> serverArgs, List<String> loadArgs,
                         Integer fdLimit, String skipped, Netns netns, String serverCommand, String generatorCommand,
                         String startupLine, Integer threads, Warmup warmup, Double maxSustainableRps, Boolean kneeAboveSweep,
                         Long portsBackMillis, Long recoveryMillis, Map<String, List<Long>> fdExhaustionLogLines,
                         Integer exitStatus) {

        /** The value of {@code flag} in the server arguments ({@code --flag V} or {@code --flag=V}; the last wins), or null. */
        public String serverArg(String flag) {
            String value = null;
            List<String> args = serverArgs == null ? List.of() : serverArgs;
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).equals(flag) && i + 1 < args.size()) {
                    value = args.get(i + 1);
                } else if (args.get(i).startsWith(flag + "=")) {
                    value = args.get(i).substring(flag.length() + 1);
                }
            }
            return value;
        }
    }

    /** The warm-up of a series: how long it took, in how many rounds, and whether it ended steady or at its cap. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Warmup(Double seconds, Integer rounds, Boolean steady) {
    }

    /** A figure from the source text; {@code value} is a number or, for a qualitative claim, text. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Published(String series, String metric, JsonNode value, String unit, String source) {
    }

    /** A ratio of one metric between two series, which survives a change of hardware. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ratio(String name, String numerator, String denominator, String metric, Double published) {
    }

    /** The series' label, or its id when it has none. */
    public String label(String seriesId) {
        Series s = seriesById(seriesId);
        return s == null ? seriesId : s.label() == null ? s.id() : s.label();
    }

    /** The series with {@code id}, or null. */
    public Series seriesById(String id) {
        return series.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    public List<String> seriesIds() {
        return series.stream().map(Series::id).toList();
    }

    public List<Published> publishedOrEmpty() {
        return published == null ? List.of() : published;
    }

    public List<Ratio> ratiosOrEmpty() {
        return ratios == null ? List.of() : ratios;
    }
}
