package io.asyncworkbench.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the short durations used on every command line of the workbench.
 *
 * <p>A duration is a whole or decimal number followed by a unit: {@code ns}, {@code us}
 * (or {@code µs}), {@code ms}, {@code s}, {@code m} or {@code h}. For example
 * {@code parse("160us")} is 160 microseconds, {@code parse("1.5s")} is 1,500 milliseconds,
 * and {@code format(Duration.ofMillis(1500))} prints {@code 1500ms}.
 */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses {@code text}, for example {@code 30s}, {@code 500ms} or {@code 160us}.
     *
     * @throws IllegalArgumentException with a message fit for a user when the text is not a duration
     */
    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration (expected a number and a unit, e.g. 30s, 500ms, 160us)");
        }
        double amount = Double.parseDouble(m.group(1));
        double nanosPerUnit = switch (m.group(2)) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
        return Duration.ofNanos(Math.round(amount * nanosPerUnit));
    }

    /** Prints {@code duration} in the largest unit that keeps it whole: {@code 4ms}, {@code 160us}, {@code 30s}. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos != 0 && nanos % 3_600_000_000_000L == 0) {
            return nanos / 3_600_000_000_000L + "h";
        }
        if (nanos != 0 && nanos % 60_000_000_000L == 0) {
            return nanos / 60_000_000_000L + "m";
        }
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        if (nanos % 1_000L == 0) {
            return nanos / 1_000L + "us";
        }
        return nanos + "ns";
    }

    /** The picocli converter for {@link Duration} options. */
    public static final class Converter extends ParsingConverter<Duration> {
        public Converter() {
            super(Durations::parse);
        }
    }
}
