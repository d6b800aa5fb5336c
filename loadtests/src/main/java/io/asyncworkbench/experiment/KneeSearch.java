package io.asyncworkbench.experiment;

import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Finds the maximum sustainable rate of a server: a coarse sweep over the profile's rates, then
 * bisection between the highest sustained rate and the next one above it until the two are within
 * {@code resolution} (2%) of each other. Pure: the caller measures each rate {@link #next()} asks
 * for (three repetitions, judged by their median) and {@link #record}s the verdict.
 *
 * <p>Worked example, coarse rates 1000, 2000, ..., 7000, knee near 5,400 req/s:
 * <pre>
 *   1000 .. 5000 sustained; 6000 not; 7000 not: the sweep stops after two failures in a row
 *   5500 not    (5000-6000 is 20% wide)
 *   5250 yes    (5000-5500, 10%)
 *   5370 yes    (5250-5500, 4.8%)
 *   5430 not    (5370-5500, 2.4%)  -> 5370-5430 is 1.1% wide: done, knee 5370
 * </pre>
 * The sweep's points stay for the figures. The knee is the highest sustained rate below the lowest
 * failed one above it, so a lower step that failed by noise does not hide a higher one that held.
 */
final class KneeSearch {

    /** The knee is known when the sustained and the failed rate around it are this close, as a fraction. */
    static final double RESOLUTION = 0.02;
    /** The coarse sweep stops after this many failed rates in a row: the figure still shows the overload. */
    static final int FAILURES_TO_STOP = 2;

    private final List<Double> coarse;
    private final TreeMap<Double, Boolean> verdicts = new TreeMap<>();
    private int nextCoarse;
    private int failuresInRow;

    KneeSearch(List<Double> coarseRates) {
        this.coarse = coarseRates.stream().sorted().toList();
    }

    /** The next rate to measure, or empty when the knee is known (or the sweep found none). */
    OptionalDouble next() {
        if (sweeping()) {
            return OptionalDouble.of(coarse.get(nextCoarse));
        }
        OptionalDouble low = knee();
        if (low.isEmpty()) {
            return OptionalDouble.empty();
        }
        Double high = verdicts.higherKey(low.getAsDouble());
        if (high == null || high - low.getAsDouble() <= RESOLUTION * low.getAsDouble()) {
            return OptionalDouble.empty();
        }
        double mid = round((low.getAsDouble() + high) / 2, low.getAsDouble());
        return mid > low.getAsDouble() && mid < high ? OptionalDouble.of(mid) : OptionalDouble.empty();
    }

    /** Whether the search is still in its coarse sweep (else it is refining the knee). */
    boolean sweeping() {
        return nextCoarse < coarse.size() && failuresInRow < FAILURES_TO_STOP;
    }

    /** What measuring {@code rate} showed. */
    void record(double rate, boolean sustained) {
        verdicts.put(rate, sustained);
        if (sweeping() && coarse.get(nextCoarse) == rate) {
            nextCoarse++;
            failuresInRow = sustained ? 0 : failuresInRow + 1;
        }
    }

    /** The highest sustained rate so far (the knee once {@link #next()} is empty), or empty when none held. */
    OptionalDouble knee() {
        return verdicts.entrySet().stream().filter(e -> e.getValue()).mapToDouble(e -> e.getKey()).max();
    }

    /** Whether the knee lies above every rate measured: the sweep should have gone higher. */
    boolean kneeAboveSweep() {
        return !verdicts.isEmpty() && verdicts.lastEntry().getValue();
    }

    /** {@code rate} rounded to a number a person reads easily, finer than the resolution at {@code scale}. */
    static double round(double rate, double scale) {
        double unit = Math.pow(10, Math.floor(Math.log10(Math.max(1, scale * RESOLUTION / 2))));
        return Math.round(rate / unit) * unit;
    }
}
