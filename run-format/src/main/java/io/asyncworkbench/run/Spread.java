package io.asyncworkbench.run;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * What repeated measurements of one figure say: their median, and their range (min and max). Every
 * figure the workbench reports is the median of at least three repetitions with its range, as JMH
 * reports a score with its error; a figure whose repetitions disagree by more than a tolerance is
 * flagged rather than trusted.
 *
 * <pre>{@code
 * Spread s = Spread.of(5250, 5375, 5312);   // median 5312, range 5250-5375
 * s.relativeRange();                        // (5375 - 5250) / 5312 = 0.0235
 * s.disagrees(0.05);                        // false: within 5%
 * }</pre>
 *
 * NaN values (a repetition that has no such figure) are left out; with none left every field is NaN.
 */
public record Spread(double median, double min, double max, int count) {

    /** Headlines whose repetitions differ by more than this fraction of their median are flagged. */
    public static final double TOLERANCE = 0.05;

    public static Spread of(double... values) {
        double[] known = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (known.length == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        int mid = known.length / 2;
        double median = known.length % 2 == 1 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
        return new Spread(median, known[0], known[known.length - 1], known.length);
    }

    public static Spread of(Collection<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * A headline computed from the medians of its steps, with the range its repetitions give
     * alone: e.g. the knee of the median points, 5,380 req/s, and the knees of repetitions 1, 2, 3,
     * 5,250, 5,440 and 5,380. The range always holds the headline. NaN repetitions are left out.
     */
    public static Spread around(double headline, double... repetitions) {
        if (Double.isNaN(headline)) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        Spread reps = of(repetitions);
        return reps.count() == 0 ? new Spread(headline, headline, headline, 1)
                : new Spread(headline, Math.min(headline, reps.min()), Math.max(headline, reps.max()), reps.count());
    }

    /** The range over the median: 0 when every repetition agreed; NaN without a positive median. */
    public double relativeRange() {
        return median > 0 ? (max - min) / median : Double.NaN;
    }

    /** Whether the repetitions differ by more than {@code tolerance} of their median. */
    public boolean disagrees(double tolerance) {
        return relativeRange() > tolerance;
    }

    /** E.g. {@code 5,312 (5,250-5,375)}, each value written by {@code format}. */
    public String describe(java.util.function.DoubleFunction<String> format) {
        if (Double.isNaN(median)) {
            return format.apply(Double.NaN);
        }
        return min == max ? format.apply(median)
                : String.format(Locale.ROOT, "%s (%s–%s)", format.apply(median), format.apply(min), format.apply(max));
    }
}
