package io.asyncworkbench.run;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The maximum sustainable rate of a rate sweep: the highest offered rate at which the server kept
 * up (achieved at least 99% of offered) and p99 latency stayed within a stated bound. Both the
 * experiment runner (to say when to stop a sweep) and the report (to mark the knee and fill the
 * "published vs reproduced" table) use it, so it is pure: steps in, a rate out.
 *
 * <p>Worked example, bound 10 ms:
 * <pre>
 *   offered  achieved  p99
 *    4000     4000     0.8 ms   sustained
 *    5000     4990     1.2 ms   sustained (4990 &ge; 0.99 x 5000 = 4950)
 *    6000     5900     2.5 ms   not: 5900 &lt; 5940
 *    7000     6050     400 ms   not
 * </pre>
 * gives 5000 req/s. The highest sustained step wins even when a lower one failed (noise on a
 * shared machine can fail one step); no sustained step gives an empty result.
 */
public final class SustainableRate {

    /** The least fraction of the offered rate the server must achieve. */
    public static final double MIN_ACHIEVED_FRACTION = 0.99;

    /** One open-model step: what was offered, what came back, and its p99 in milliseconds. */
    public record Point(double offeredRps, double achievedRps, double p99Millis) {
    }

    private SustainableRate() {
    }

    /** Whether {@code point} was sustained under {@code p99BoundMillis}; NaN anywhere means no. */
    public static boolean sustains(Point point, double p99BoundMillis) {
        return point.offeredRps() > 0
                && point.achievedRps() >= MIN_ACHIEVED_FRACTION * point.offeredRps()
                && point.p99Millis() <= p99BoundMillis;
    }

    /** What the repetitions of one step say, each judged alone: all sustained, none did, or they split. */
    public enum Agreement { ALL, NONE, SPLIT }

    /**
     * How the {@code repetitions} of one step agree under {@code p99BoundMillis}. A split is what a
     * stall of the machine in one repetition looks like (measured here: a virtual CPU descheduled
     * for milliseconds puts one repetition's p99 at 160-420 ms while the others hold), so the
     * runner measures a split step again before it trusts the median's verdict.
     */
    public static Agreement agreement(List<Point> repetitions, double p99BoundMillis) {
        long sustained = repetitions.stream().filter(p -> sustains(p, p99BoundMillis)).count();
        return sustained == repetitions.size() ? Agreement.ALL : sustained == 0 ? Agreement.NONE : Agreement.SPLIT;
    }

    /** The highest offered rate among the sustained {@code points}, or empty when none was. */
    public static OptionalDouble find(List<Point> points, double p99BoundMillis) {
        return points.stream()
                .filter(p -> sustains(p, p99BoundMillis))
                .mapToDouble(Point::offeredRps)
                .max();
    }
}
