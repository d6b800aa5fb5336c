package io.asyncworkbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's {@code meta.json}: what ran, where and how, and the published figures to compare with.
 * Fields the renderer does not know are ignored, so the runner may add more; {@code experiment},
 * {@code p99BoundMillis} and a non-empty {@code series} are required, the rest is shown when present.
 * {@code hosts} is there only when the server or the load ran on other hosts than the runner's.
 */
record RunMeta(String experiment, String title, String summary, String profile, String started, String finished,
               Git git, Machine machine, Jdk jdk, Placement placement, List<String> jvmFlags,
               String runnerCommand, Double p99BoundMillis, List<Series> series,
               List<Published> published, List<Ratio> ratios, Hosts hosts) {

    record Git(String commit, Boolean dirty) {
    }

    record Machine(String cpuModel, Integer cpus, String kernel, Long memoryBytes, Map<String, String> sysctl) {
    }

    record Jdk(String version, String vendor, String home) {
    }

    record Placement(String serverCpus, String loadCpus, Boolean pinned) {
    }

    /**
     * Where the server and the load generators ran, when not all on the runner's machine (null when
     * they did): the server's host and the load hosts, in meta.json's order.
     */
    record Hosts(Host server, List<Host> load) {

        /**
         * Whether each load host's figures are kept apart ({@code steps-by-host.csv} and a
         * {@code <series>.<label>.hlog} per host): when the load came from more than one host or
         * from another host than the runner's.
         */
        boolean loadByHost() {
            return load.size() > 1 || load.stream().anyMatch(h -> !LOCAL.equals(h.destination()));
        }

        List<String> loadLabels() {
            return load.stream().map(Host::label).toList();
        }
    }

    /**
     * One host of a run: its label ({@code server}, {@code load-1}, ...), its SSH destination as the
     * user gave it ({@link #LOCAL} for the runner's own machine), its address, machine and JDK, and
     * its clock: {@code clockOffsetMillis} is its clock minus the runner's, measured at the start,
     * {@code clockUncertaintyMillis} half the round trip of that measurement.
     */
    record Host(String label, String destination, String address, Machine machine, Jdk jdk,
                Double clockOffsetMillis, Double clockUncertaintyMillis) {
    }

    /** The {@code destination} of a host that is the runner's own machine. */
    static final String LOCAL = "local";

    /** A series' own network namespace: its name, its address from the host, its sysctls as read back. */
    record Netns(String name, String address, Map<String, String> sysctls) {
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
     */
    record Series(String id, String label, String stage, List<String> serverArgs, Integer fdLimit,
                  String serverCommand, Integer threads, String group, Warmup warmup, Long recoveryMillis,
                  Netns netns, String skipped, Map<String, List<Long>> fdExhaustionLogLines, Long portsBackMillis) {

        /** The value of {@code flag} in the server arguments ({@code --flag V} or {@code --flag=V}; the last wins), or null. */
        String serverArg(String flag) {
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
    record Warmup(Double seconds, Integer rounds, Boolean steady) {
    }

    /** A figure from the source text; {@code value} is a number or, for a qualitative claim, text. */
    record Published(String series, String metric, JsonNode value, String source) {
    }

    /** A ratio of one metric between two series, which survives a change of hardware. */
    record Ratio(String name, String numerator, String denominator, String metric, Double published) {
    }

    private static final String SLUG = "[a-z0-9][a-z0-9-]*";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Reads and checks {@code meta.json}. */
    static RunMeta read(Path file) throws DamagedRunException {
        RunMeta meta;
        try {
            meta = JSON.readValue(Files.readString(file), RunMeta.class);
        } catch (NoSuchFileException e) {
            throw new DamagedRunException(file, "missing");
        } catch (JsonProcessingException e) {
            String problem = "not valid meta.json: " + firstLine(e.getOriginalMessage());
            throw e.getLocation() == null || e.getLocation().getLineNr() < 1
                    ? new DamagedRunException(file, problem)
                    : new DamagedRunException(file, e.getLocation().getLineNr(), problem);
        } catch (IOException e) {
            throw new DamagedRunException(file, "cannot be read (" + e.getMessage() + ")");
        }
        if (meta == null || meta.experiment() == null || meta.experiment().isBlank()) {
            throw new DamagedRunException(file, "no \"experiment\"");
        }
        if (meta.p99BoundMillis() == null || !(meta.p99BoundMillis() > 0)) {
            throw new DamagedRunException(file, "no positive \"p99BoundMillis\"");
        }
        if (meta.series() == null || meta.series().isEmpty()) {
            throw new DamagedRunException(file, "no \"series\"");
        }
        for (Series s : meta.series()) {
            if (s.id() == null || !s.id().matches(SLUG)) {
                throw new DamagedRunException(file, "series id '" + s.id() + "' is not a lowercase slug");
            }
        }
        if (meta.hosts() != null) {
            checkHosts(file, meta.hosts());
        }
        return meta;
    }

    /** A load host's label names its files ({@code <series>.<label>.hlog}) and its rows: a slug, one per host. */
    private static void checkHosts(Path file, Hosts hosts) throws DamagedRunException {
        if (hosts.load() == null || hosts.load().isEmpty()) {
            throw new DamagedRunException(file, "\"hosts\" has no \"load\" hosts");
        }
        for (Host h : hosts.load()) {
            if (h == null || h.label() == null || !h.label().matches(SLUG)) {
                throw new DamagedRunException(file, "load host label '" + (h == null ? null : h.label()) + "' is not a lowercase slug");
            }
        }
        if (Set.copyOf(hosts.loadLabels()).size() != hosts.load().size()) {
            throw new DamagedRunException(file, "two load hosts share one label");
        }
    }

    /** The series' label, or its id when it has none. */
    String label(String seriesId) {
        Series s = seriesById(seriesId);
        return s == null ? seriesId : s.label() == null ? s.id() : s.label();
    }

    /** The series with {@code id}, or null. */
    Series seriesById(String id) {
        return series.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    List<String> seriesIds() {
        return series.stream().map(Series::id).toList();
    }

    List<Published> publishedOrEmpty() {
        return published == null ? List.of() : published;
    }

    List<Ratio> ratiosOrEmpty() {
        return ratios == null ? List.of() : ratios;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
