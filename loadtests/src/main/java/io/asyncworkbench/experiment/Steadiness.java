package io.asyncworkbench.experiment;

import io.asyncworkbench.run.Spread;

import java.util.List;

/**
 * When a warm-up may end: server and generator are steady once neither JIT is still compiling and
 * the last {@link #WINDOW} rounds of warm-up load agree on throughput and p99. Pure: the runner
 * measures rounds (2 s of the experiment's warm-up load each) until {@link #steady} says so or the
 * cap is reached, and records which.
 *
 * <p>Why these tests: on one CPU a JIT that still compiles takes the CPU from the event loop, so
 * the first seconds of a JVM are slower and noisier than the rest (measured here: at 1,000 req/s
 * the generator's C2 thread used 0.75 s of CPU in its first 6 s and nothing after 11 s, and its
 * send-lag p99 fell from 1-3 ms to 0.1-0.2 ms). A round in which a compiler used at most
 * {@link #JIT_FRACTION} of the time is quiet: the server's compiler threads as {@code /proc} counts
 * their CPU over the round, the generator's as its JVM counts compile time inside the measured
 * window (outside it, each round's start-up and summary compile a little for many rounds, which
 * delays no request). The rate must agree within {@link #RATE_TOLERANCE};
 * p99 within {@link #P99_TOLERANCE} of the median or {@link #P99_FLOOR_MILLIS}, whichever is larger,
 * because at sub-millisecond p99s two quiet 2 s rounds differ by a tenth of a millisecond or more.
 *
 * <pre>
 *   round  req/s  p99 ms  server JIT ms  generator JIT ms
 *   1      1000   2.90    410            380     compiling
 *   2      1000   1.10    120             60     compiling
 *   3      1000   0.62      0             10
 *   4      1000   0.58      0              0
 *   5      1000   0.66      0              0     steady: rounds 3-5 agree, compilers quiet
 * </pre>
 */
final class Steadiness {

    /** One round of warm-up load: what it achieved, and how long each JIT compiled during it. */
    record Round(double seconds, double achievedRps, double p99Millis, double serverJitMillis, double generatorJitMillis) {
    }

    static final int WINDOW = 3;
    static final double RATE_TOLERANCE = 0.03;
    static final double P99_TOLERANCE = 0.5;
    static final double P99_FLOOR_MILLIS = 0.5;
    static final double JIT_FRACTION = 0.02;

    private Steadiness() {
    }

    /** Whether the last {@link #WINDOW} of {@code rounds} were quiet and agree. */
    static boolean steady(List<Round> rounds) {
        if (rounds.size() < WINDOW) {
            return false;
        }
        List<Round> last = rounds.subList(rounds.size() - WINDOW, rounds.size());
        for (Round r : last) {
            double jitBudgetMillis = JIT_FRACTION * Math.max(r.seconds(), 1) * 1000;
            if (r.serverJitMillis() > jitBudgetMillis || r.generatorJitMillis() > jitBudgetMillis || !(r.achievedRps() > 0)) {
                return false;
            }
        }
        Spread rate = Spread.of(last.stream().mapToDouble(Round::achievedRps).toArray());
        Spread p99 = Spread.of(last.stream().mapToDouble(Round::p99Millis).toArray());
        return rate.max() - rate.min() <= RATE_TOLERANCE * rate.median()
                && p99.max() - p99.min() <= Math.max(P99_TOLERANCE * p99.median(), P99_FLOOR_MILLIS);
    }
}
