package io.asyncworkbench.experiment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One experiment, declared rather than programmed: which server jars with which flags (the
 * series), which load (flags of {@code ./workbench load}, exactly as a user would type them),
 * which steps per profile, and which published figures it is compared with. The definitions
 * live in the {@code experiments} module, {@code experiments/<name>.json} on the classpath; a worked example:
 *
 * <pre>{@code
 * {
 *   "name": "part3-offload",
 *   "title": "CPU work off the accepting thread",
 *   "summary": "...", "sizing": "spin:4ms is the blog's ~4 ms of CPU per request ...",
 *   "placement": "split",
 *   "load": ["--connection-close", "--max-connections", "512", "--timeout", "5s"],
 *   "warmup": ["--rate", "150"],
 *   "series": [
 *     {"id": "inline", "label": "work on the IO thread", "stage": "offload-worker", "server": ["--inline", "--workload", "spin:4ms"]},
 *     {"id": "offload", "label": "work on 2 workers", "stage": "offload-worker", "server": ["--workers", "2", "--workload", "spin:4ms"]}
 *   ],
 *   "profiles": {"quick": {"vary": "--rate", "values": [100, 200, 300], "each": ["--duration", "5s"], "search": true}},
 *   "p99Bound": {"millis": 120, "reason": "30 x the 4 ms of work: ..."},
 *   "published": [{"series": "inline", "metric": "max sustainable req/s", "value": 250, "source": "Part 3"}],
 *   "ratios": [{"name": "offload / inline", "numerator": "offload", "denominator": "inline", "metric": "max sustainable req/s", "published": 5.2}]
 * }
 * }</pre>
 *
 * A step's load flags are {@code load + series.load + each + [vary, value]} (or, where the profile
 * lists {@code phases}, {@code load + series.load + phase.args}); the warm-up's are
 * {@code load + series.load + warmup + [--duration 2s]}, repeated until server and generator are
 * steady ({@link Steadiness}).
 *
 * <p>{@code order} (its place in the report), {@code figures} (what the report draws of its runs)
 * and {@code mismatches} (published figures explained by a series) are the report's part of the definition, read by the {@code results} module and not here; every
 * field is described in {@code experiments/README.md}.
 */
@JsonIgnoreProperties(value = {"order", "figures", "mismatches"}, ignoreUnknown = false)
public record ExperimentDefinition(
        String name, String title, String summary, String sizing, String placement,
        List<String> load, List<String> warmup, List<Series> series, Map<String, Profile> profiles,
        P99Bound p99Bound, List<Published> published, List<Ratio> ratios, Boolean sampleListenQueue) {

    /**
     * Whether the runner samples the server port's accept queue each second. Off by default: the
     * kernel builds {@code /proc/net/tcp} by walking every socket (measured: 6 ms of CPU for 900
     * sockets), and the sampler shares the server's CPU, so only an experiment about where
     * connections wait (Part 3) pays for it.
     */
    public boolean samplesListenQueue() {
        return Boolean.TRUE.equals(sampleListenQueue);
    }

    /**
     * One server configuration; {@code load} adds generator flags for this series only. {@code group}
     * (optional) names the implementation a series belongs to when an experiment compares several,
     * e.g. "Netty" and "Vert.x": the report draws each group as one line or one set of bars.
     * {@code netns} (optional) runs server and generator in a network namespace of their own
     * ({@link Netns}), e.g. {@code {"sysctls": {"net.ipv4.tcp_tw_reuse": "0"}}}.
     */
    public record Series(String id, String label, String stage, List<String> server, List<String> load, Integer fdLimit,
                         String group, NetnsSpec netns) {
        public List<String> load() {
            return load == null ? List.of() : load;
        }

        public List<String> server() {
            return server == null ? List.of() : server;
        }
    }

    /** The kernel settings of a series' own network namespace. */
    public record NetnsSpec(Map<String, String> sysctls) {
        public Map<String, String> sysctls() {
            return sysctls == null ? Map.of() : sysctls;
        }
    }

    /**
     * The measured steps: one per value of the flag {@code vary}, each with the flags {@code each},
     * each run {@code repetitions} times (at least 3, the default). With {@code search} the values
     * are a coarse sweep of {@code --rate}, and the runner then refines the maximum sustainable
     * rate to within 2% ({@link KneeSearch}). Instead of {@code vary} and {@code values}, an
     * experiment whose steps differ in more than one flag lists {@code phases}, each a name and its
     * own flags (the accept-loop's idle storm, then its load storm).
     */
    public record Profile(String vary, List<String> values, List<String> each, Boolean search, Integer repetitions,
                          List<NamedStep> phases) {
        public boolean searches() {
            return Boolean.TRUE.equals(search);
        }

        public int repetitionsOrDefault() {
            return repetitions == null ? MIN_REPETITIONS : repetitions;
        }

        public List<String> each() {
            return each == null ? List.of() : each;
        }

        /** The steps to run in order, when no knee is searched: the phases, or {@code each + [vary, value]} per value. */
        public List<NamedStep> plainSteps() {
            if (phases != null) {
                return phases;
            }
            return values.stream().map(value -> new NamedStep("step", argsFor(value))).toList();
        }

        /** A step's own load flags for one value of {@code vary}: {@code each + [vary, value]}. */
        public List<String> argsFor(String value) {
            List<String> args = new ArrayList<>(each());
            args.addAll(List.of(vary, value));
            return args;
        }
    }

    /** One step of a profile's {@code phases}: its name (steps.csv's {@code phase}) and its load flags. */
    public record NamedStep(String name, List<String> args) {
    }

    /**
     * The p99 a step may reach and still count as sustained: a fixed number, stated with its reason
     * (derived from the work per request and the queueing it allows), never from a measured step.
     */
    public record P99Bound(double millis, String reason) {
    }

    static final int MIN_REPETITIONS = 3;

    /** A published figure; {@code series} names the series it is compared with (may be null). */
    public record Published(String series, String metric, double value, String unit, String source) {
    }

    /** A ratio that survives a change of hardware, e.g. offload / inline. */
    public record Ratio(String name, String numerator, String denominator, String metric, Double published) {
    }

    static final Set<String> PLACEMENTS = Set.of("split", "shared");
    static final Set<String> VARIED_FLAGS = Set.of("--rate", "--users");
    /** The phase names the runner gives steps of its own: a knee search's and a plain sweep's. */
    static final Set<String> PLAIN_PHASES = Set.of("sweep", "search", "step");

    /** Every problem with this definition, each a sentence naming the field; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null || !name.matches("[a-z0-9-]+")) {
            problems.add("name must be a lowercase slug, was " + name);
        }
        if (title == null || summary == null) {
            problems.add("title and summary are required");
        }
        if (placement != null && !PLACEMENTS.contains(placement)) {
            problems.add("placement must be one of " + PLACEMENTS + ", was " + placement);
        }
        if (series == null || series.isEmpty()) {
            problems.add("series: at least one is required");
        } else {
            Set<String> ids = new java.util.HashSet<>();
            for (Series s : series) {
                if (s.id() == null || !s.id().matches("[a-z0-9-]+") || !ids.add(s.id())) {
                    problems.add("series id must be a unique lowercase slug, was " + s.id());
                }
                if (s.stage() == null || s.stage().isBlank()) {
                    problems.add("series " + s.id() + ": stage (the server module) is required");
                }
            }
        }
        if (profiles == null || !profiles.containsKey("quick") || !profiles.containsKey("full")) {
            problems.add("profiles: both quick and full are required");
        }
        if (profiles != null) {
            profiles.forEach((profile, p) -> {
                if (p.repetitionsOrDefault() < MIN_REPETITIONS) {
                    problems.add("profiles." + profile + ".repetitions must be at least " + MIN_REPETITIONS);
                }
                if (p.phases() != null) {
                    if (p.vary() != null || p.values() != null || p.searches()) {
                        problems.add("profiles." + profile + ": phases take the place of vary, values and search");
                    }
                    if (p.phases().isEmpty() || p.phases().stream().anyMatch(s -> s.name() == null
                            || !s.name().matches("[a-z0-9-]+") || PLAIN_PHASES.contains(s.name()) || s.args() == null)) {
                        problems.add("profiles." + profile + ".phases: each needs a lowercase name (not sweep, search or step) and its args");
                    }
                    return;
                }
                if (!VARIED_FLAGS.contains(p.vary())) {
                    problems.add("profiles." + profile + ".vary must be one of " + VARIED_FLAGS + ", was " + p.vary());
                }
                if (p.values() == null || p.values().isEmpty()) {
                    problems.add("profiles." + profile + ".values: at least one step is required");
                }
                if (p.searches() && !"--rate".equals(p.vary())) {
                    problems.add("profiles." + profile + ".search needs vary --rate");
                }
            });
        }
        if (p99Bound == null || !(p99Bound.millis() > 0) || p99Bound.reason() == null || p99Bound.reason().isBlank()) {
            problems.add("p99Bound needs a positive millis and its reason");
        }
        if (warmup != null && warmup.contains("--duration")) {
            problems.add("warmup: no --duration; the runner warms up in rounds until steady");
        }
        if (ratios != null && series != null) {
            Set<String> ids = new java.util.HashSet<>(series.stream().map(Series::id).toList());
            for (Ratio r : ratios) {
                if (!ids.contains(r.numerator()) || !ids.contains(r.denominator())) {
                    problems.add("ratio " + r.name() + " names a series that does not exist");
                }
            }
        }
        return problems;
    }

    public List<String> load() {
        return load == null ? List.of() : load;
    }

    public List<String> warmup() {
        return warmup == null ? List.of() : warmup;
    }

    public List<Published> published() {
        return published == null ? List.of() : published;
    }

    public List<Ratio> ratios() {
        return ratios == null ? List.of() : ratios;
    }

    public String placement() {
        return placement == null ? "split" : placement;
    }
}
