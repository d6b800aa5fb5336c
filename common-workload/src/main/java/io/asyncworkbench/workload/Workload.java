package io.asyncworkbench.workload;

import java.time.Duration;

/**
 * The CPU work a server does for one {@code GET /data}, returning the response body.
 *
 * <p>Two kinds exist, chosen with {@code --workload}:
 * <ul>
 *   <li>{@code faithful[:iterations]} (default 100): the blog's {@code cpu_intensive_work},
 *       ported exactly ({@link FaithfulWorkload});</li>
 *   <li>{@code spin:<duration>}: burns that much CPU time of the calling thread, then returns the
 *       same JSON ({@link SpinWorkload}); this sizes the work so that the server, not the load
 *       generator, saturates.</li>
 * </ul>
 * Every workload returns {@code {"street":"10 Downing Street","city":"Value: 99"}} for 100
 * iterations, so a client can check the body whatever the work was.
 */
public interface Workload {

    /** Does the work of one request and returns the JSON body, UTF-8 encoded. */
    byte[] run();

    /** The specification this workload was parsed from, e.g. {@code faithful:100} or {@code spin:4ms}. */
    String spec();

    /**
     * Parses a {@code --workload} value.
     *
     * @throws IllegalArgumentException with a message fit for a user
     */
    static Workload parse(String spec) {
        Spec parsed = Spec.parse(spec);
        return parsed.cpuTime() == null ? new FaithfulWorkload(parsed.iterations()) : new SpinWorkload(parsed.cpuTime());
    }

    /**
     * A {@code --workload} value read but not built (building {@code spin} calibrates it, which
     * takes a moment of CPU): {@code faithful} with its iterations, or {@code spin} with its CPU time.
     * Its {@link #toString()} is the canonical form a built workload's {@link #spec()} gives, so
     * {@code faithful} and {@code faithful:100}, or {@code spin:1000us} and {@code spin:1ms}, compare equal.
     */
    record Spec(int iterations, Duration cpuTime) {

        /** @throws IllegalArgumentException with a message fit for a user */
        public static Spec parse(String spec) {
            String trimmed = spec.trim();
            int colon = trimmed.indexOf(':');
            String kind = colon < 0 ? trimmed : trimmed.substring(0, colon);
            String argument = colon < 0 ? null : trimmed.substring(colon + 1);
            return switch (kind) {
                case "faithful" -> new Spec(argument == null ? FaithfulWorkload.BLOG_ITERATIONS : iterations(argument), null);
                case "spin" -> {
                    if (argument == null) {
                        throw new IllegalArgumentException("spin needs a CPU time, e.g. spin:4ms");
                    }
                    yield new Spec(0, io.asyncworkbench.cli.Durations.parse(argument));
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
            return cpuTime == null ? "faithful:" + iterations : "spin:" + io.asyncworkbench.cli.Durations.format(cpuTime);
        }
    }

    /** The picocli converter for {@code --workload}. */
    final class Converter extends io.asyncworkbench.cli.ParsingConverter<Workload> {
        public Converter() {
            super(Workload::parse);
        }
    }

    /** A workload's CPU time per request when it is known in advance ({@code spin}), else zero. */
    default Duration nominalCpuTime() {
        return Duration.ZERO;
    }
}
