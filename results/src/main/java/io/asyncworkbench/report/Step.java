package io.asyncworkbench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of {@code steps.csv}: one measured step of one series. The numeric columns are kept
 * by their CSV names ({@code value("p99_ms")}), NaN where the cell is empty because the value does
 * not apply (e.g. {@code offered_rps} in a closed-model step), so tables and figures can be
 * described by column name; the few every figure needs have accessors with units in their names.
 */
record Step(String series, int step, String model, boolean generatorLimited, Map<String, Double> values) {

    /** The numeric columns of {@code steps.csv}, in the order of {@code docs/run-format.md}. */
    static final List<String> NUMERIC_COLUMNS = List.of(
            "offered_rps", "users", "duration_s", "requests", "achieved_rps",
            "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms", "p99_uncorrected_ms",
            "errors", "err_refused", "err_connect_timeout", "err_reset", "err_read_timeout",
            "err_no_ephemeral_port", "err_fd_limit", "err_other", "non_2xx", "connections_opened",
            "generator_cpu_pct", "send_lag_p99_ms");

    private static final Set<String> MODELS = Set.of("open", "closed", "connections");

    /** The value of numeric column {@code column}; NaN where it does not apply. */
    double value(String column) {
        Double value = values.get(column);
        if (value == null) {
            throw new IllegalArgumentException("no numeric column " + column + " in steps.csv");
        }
        return value;
    }

    double offeredRps() {
        return value("offered_rps");
    }

    double achievedRps() {
        return value("achieved_rps");
    }

    double users() {
        return value("users");
    }

    double p99Millis() {
        return value("p99_ms");
    }

    double durationSeconds() {
        return value("duration_s");
    }

    /** Errors of every class over responses plus errors, in percent; NaN when nothing was sent. */
    double errorRatePct() {
        double attempts = value("requests") + value("errors");
        return attempts > 0 ? 100.0 * value("errors") / attempts : Double.NaN;
    }

    /** Reads {@code steps.csv}; every series named in it must be one of {@code seriesIds}. */
    static List<Step> read(Path file, Set<String> seriesIds) throws DamagedRunException {
        List<String> required = new ArrayList<>(List.of("series", "step", "model", "generator_limited"));
        required.addAll(NUMERIC_COLUMNS);
        CsvFile csv = CsvFile.read(file, required);
        List<Step> steps = new ArrayList<>();
        for (int row = 0; row < csv.size(); row++) {
            String series = csv.text(row, "series");
            if (!seriesIds.contains(series)) {
                throw csv.error(row, "series '" + series + "' is not one of meta.json's series " + seriesIds);
            }
            String model = csv.text(row, "model");
            if (!MODELS.contains(model)) {
                throw csv.error(row, "model '" + model + "' is not open, closed or connections");
            }
            double step = csv.number(row, "step");
            if (!(step >= 1) || step != Math.rint(step)) {
                throw csv.error(row, "step '" + csv.text(row, "step") + "' is not 1, 2, ...");
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (String column : NUMERIC_COLUMNS) {
                values.put(column, csv.number(row, column));
            }
            boolean limited = Boolean.parseBoolean(csv.text(row, "generator_limited"));
            steps.add(new Step(series, (int) step, model, limited, Map.copyOf(values)));
        }
        if (steps.isEmpty()) {
            throw new DamagedRunException(file, "no steps (only a header)");
        }
        return List.copyOf(steps);
    }
}
