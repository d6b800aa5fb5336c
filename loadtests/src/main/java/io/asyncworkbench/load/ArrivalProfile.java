package io.asyncworkbench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.asyncworkbench.cli.Durations;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code --profile} file: Stormforger-like arrival phases, each user looping a session.
 *
 * <p>JSON, or YAML when the file name ends in {@code .yaml} or {@code .yml}. The blog's Part 3
 * run, one request per new client, stepping the arrival rate:
 * <pre>
 * session:
 *   requests: 1          # per user; 0 or absent: loop until the run ends (Stormforger's forEver)
 * phases:
 *   - { duration: 30s, arrivalRate: 20,  maxUsers: 500 }
 *   - { duration: 30s, arrivalRate: 350, maxUsers: 500 }
 * </pre>
 * A duration is a workbench duration ({@code 30s}, {@code 500ms}) or a number of seconds;
 * {@code arrivalRate} is new users per second; {@code maxUsers} (optional, 0: no limit) caps the
 * users active at once, and arrivals beyond it are skipped and counted.
 */
public record ArrivalProfile(List<Phase> phases, int sessionRequests) {

    /** {@code sessionRequests} of a user that loops until the run ends. */
    public static final int FOREVER = 0;

    public ArrivalProfile {
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a profile needs at least one phase");
        }
        if (sessionRequests < 0) {
            throw new IllegalArgumentException("session.requests must be >= 0 (0: loop until the run ends)");
        }
    }

    /** The sum of the phase durations. */
    public Duration length() {
        return phases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** The highest {@code maxUsers} of any phase, or 0 when some phase has no limit. */
    public int peakMaxUsers() {
        int peak = 0;
        for (Phase p : phases) {
            if (p.maxUsers() == 0) {
                return 0;
            }
            peak = Math.max(peak, p.maxUsers());
        }
        return peak;
    }

    /** Reads a profile file. */
    public static ArrivalProfile read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        try {
            return of(mapper.readTree(file.toFile()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Builds a profile from its parsed tree. */
    public static ArrivalProfile of(JsonNode root) {
        if (root == null || !root.path("phases").isArray()) {
            throw new IllegalArgumentException("expected a 'phases' list of {duration, arrivalRate, maxUsers}");
        }
        List<Phase> phases = new ArrayList<>();
        for (JsonNode p : root.path("phases")) {
            int n = phases.size() + 1;
            if (!p.hasNonNull("duration") || !p.hasNonNull("arrivalRate")) {
                throw new IllegalArgumentException("phase " + n + " needs 'duration' and 'arrivalRate'");
            }
            try {
                phases.add(new Phase(duration(p.get("duration")), p.get("arrivalRate").asDouble(-1),
                        p.path("maxUsers").asInt(0)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("phase " + n + ": " + e.getMessage(), e);
            }
        }
        return new ArrivalProfile(phases, root.path("session").path("requests").asInt(FOREVER));
    }

    private static Duration duration(JsonNode node) {
        return node.isNumber() ? Duration.ofNanos(Math.round(node.asDouble() * 1e9)) : Durations.parse(node.asText());
    }
}
