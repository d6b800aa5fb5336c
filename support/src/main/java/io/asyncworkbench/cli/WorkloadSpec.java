package io.asyncworkbench.cli;

import java.time.Duration;

/**
 * A {@code --workload} value read but not built: {@code faithful} with its iterations, or
 * {@code spin} with its CPU time. The servers build their workload from it (building {@code spin}
 * calibrates it, which takes a moment of CPU); the report needs only its canonical spelling, to
 * name a server's workload as JMH's parameters do.
 *
 * <p>Its {@link #toString()} is that canonical form, the one a built workload's {@code spec()}
 * gives, so {@code faithful} and {@code faithful:100}, or {@code spin:1000us} and {@code spin:1ms},
 * compare equal.
 */
public record WorkloadSpec(int iterations, Duration cpuTime) {

    /** The iteration count the blog post prints: {@code faithful}'s when none is given. */
    public static final int BLOG_ITERATIONS = 100;

    /** @throws IllegalArgumentException with a message fit for a user */
    public static WorkloadSpec parse(String spec) {
        String trimmed = spec.trim();
        int colon = trimmed.indexOf(':');
        String kind = colon < 0 ? trimmed : trimmed.substring(0, colon);
        String argument = colon < 0 ? null : trimmed.substring(colon + 1);
        return switch (kind) {
            case "faithful" -> new WorkloadSpec(argument == null ? BLOG_ITERATIONS : iterations(argument), null);
            case "spin" -> {
                if (argument == null) {
                    throw new IllegalArgumentException("spin needs a CPU time, e.g. spin:4ms");
                }
                yield new WorkloadSpec(0, Durations.parse(argument));
            }
            default -> throw new IllegalArgumentException(
                    "unknown workload '" + spec + "' (expected faithful[:iterations] or spin:<duration>, e.g. spin:4ms)");
        };
    }

    private static int iterations(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // Fall through to the message below.
        }
        throw new IllegalArgumentException("faithful takes a positive whole number of iterations, not '" + text + "'");
    }

    @Override
    public String toString() {
        return cpuTime == null ? "faithful:" + iterations : "spin:" + Durations.format(cpuTime);
    }
}
