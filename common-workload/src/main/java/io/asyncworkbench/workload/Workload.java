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
        String trimmed = spec.trim();
        int colon = trimmed.indexOf(':');
        String kind = colon < 0 ? trimmed : trimmed.substring(0, colon);
        String argument = colon < 0 ? null : trimmed.substring(colon + 1);
        return switch (kind) {
            case "faithful" -> new FaithfulWorkload(argument == null ? FaithfulWorkload.BLOG_ITERATIONS : iterations(argument));
            case "spin" -> {
                if (argument == null) {
                    throw new IllegalArgumentException("spin needs a CPU time, e.g. spin:4ms");
                }
                yield new SpinWorkload(io.asyncworkbench.cli.Durations.parse(argument));
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
