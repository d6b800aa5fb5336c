package io.asyncworkbench.report;

import io.asyncworkbench.run.Spread;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * How numbers are written, the same on every machine (Locale.ROOT): for people in tables
 * ({@code 5,500} req/s, {@code 0.21}, {@code 15.3} or {@code 412} ms), and for machines in CSVs
 * (plain, at most three decimals, no trailing zeros: {@code 5500}, {@code 0.212}). A value that
 * does not apply (NaN) is {@code —} in a table and an empty cell in a CSV.
 */
final class Numbers {

    /** What a table shows for a value that does not apply. */
    static final String NONE = "—";

    private Numbers() {
    }

    /** A plain number for a CSV cell: at most 3 decimals, no exponent, no grouping. */
    static String csv(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "";
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    /** A count or a rate, rounded to a whole number with thousands grouped: {@code 11,000}. */
    static String whole(double value) {
        return Double.isNaN(value) ? NONE : String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Milliseconds with about three significant digits: {@code 0.21}, {@code 15.3}, {@code 412}. */
    static String millis(double value) {
        if (Double.isNaN(value)) {
            return NONE;
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude < 10 ? "%.2f" : magnitude < 100 ? "%.1f" : "%,.0f";
        return String.format(Locale.ROOT, pattern, value);
    }

    /** Microseconds, to the same three significant digits as {@link #millis(double)}. */
    static String micros(double value) {
        return millis(value);
    }

    /**
     * A time in nanoseconds, in the unit that suits {@code scaleNanos} (ns below 1 µs, µs below
     * 1 ms, else ms) to about three significant digits: {@code 8.20 ns}, {@code 1.49 µs},
     * {@code 4.01 ms}. An error is written in the unit of its score, so it is given the score as scale.
     */
    static String duration(double nanos, double scaleNanos) {
        if (Double.isNaN(nanos)) {
            return NONE;
        }
        double scale = Math.abs(scaleNanos);
        return scale < 1e3 ? millis(nanos) + " ns" : scale < 1e6 ? millis(nanos / 1e3) + " µs" : millis(nanos / 1e6) + " ms";
    }

    /** A percentage with one decimal: {@code 14.0%}. */
    static String percent(double value) {
        return Double.isNaN(value) ? NONE : String.format(Locale.ROOT, "%.1f%%", value);
    }

    /** A median with the range of its repetitions, each value written by {@code format}: {@code 5,380 (5,250–5,440)}. */
    static String range(Spread spread, DoubleFunction<String> format) {
        return spread.describe(format);
    }

    /**
     * A headline with its range, and a flag when its repetitions disagree by more than
     * {@link Spread#TOLERANCE}: {@code 1.87 (1.62–1.95) ⚠ repetitions differ by 17%}.
     */
    static String headline(Spread spread, DoubleFunction<String> format) {
        String text = spread.describe(format);
        return spread.disagrees(Spread.TOLERANCE)
                ? text + String.format(Locale.ROOT, " ⚠ repetitions differ by %.0f%%", 100 * spread.relativeRange()) : text;
    }

    /** A ratio with two decimals: {@code 1.83}. */
    static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? NONE : String.format(Locale.ROOT, "%.2f", value);
    }
}
