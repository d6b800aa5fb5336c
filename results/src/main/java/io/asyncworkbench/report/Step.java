package io.asyncworkbench.report;

import io.asyncworkbench.run.Spread;
import io.asyncworkbench.run.StepColumns;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One row of {@code steps.csv}: one repetition of one measured step of one series, or (from
 * {@link #median}) the median of a step's repetitions. The numeric columns are kept by their CSV
 * names ({@code value("p99_ms")}), NaN where the cell is empty because the value does not apply
 * (e.g. {@code offered_rps} in a closed-model step), so tables and figures can be described by
 * column name; the few every figure needs have accessors with units in their names.
 * {@code rep} is the repetition (0 for a median), {@code phase} what asked for the step: the
 * coarse {@code sweep}, the knee {@code search}, or a plain {@code step}.
 */
record Step(String series, int step, int rep, String phase, String model, boolean generatorLimited,
            Map<String, Double> values) {

    /** The numeric columns of {@code steps.csv}, in the order of {@code docs/run-format.md}. */
    static final List<String> NUMERIC_COLUMNS = StepColumns.NUMERIC;

    private static final Set<String> MODELS = Set.of("open", "closed");
    /** The phases the runner gives steps of its own; any other lowercase name is a phase the experiment named. */
    private static final Set<String> PLAIN_PHASES = Set.of("sweep", "search", "step");
    private static final Pattern NAMED_PHASE = Pattern.compile("[a-z0-9-]+");

    /** Whether the experiment named this step's phase (e.g. {@code idle-storm}), rather than the runner. */
    boolean namedPhase() {
        return !PLAIN_PHASES.contains(phase);
    }

    /**
     * What makes repetitions one step: the model and the load, and the phase where the experiment
     * named it (a sweep's and a search's step at one rate are the same step).
     */
    String identity() {
        return (namedPhase() ? phase + " " : "") + model + " " + load();
    }

    /**
     * The step's median over its repetitions {@code reps} (one model, one load): each numeric
     * column's median; generator-limited when any repetition was, so a figure never hides one.
     */
    static Step median(List<Step> reps) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String column : NUMERIC_COLUMNS) {
            values.put(column, Spread.of(reps.stream().mapToDouble(s -> s.value(column)).toArray()).median());
        }
        Step first = reps.getFirst();
        return new Step(first.series(), first.step(), 0, first.phase(), first.model(),
                reps.stream().anyMatch(Step::generatorLimited), Map.copyOf(values));
    }

    /** What the step varied: the offered rate (open model) or the users (closed model). */
    double load() {
        return model.equals("open") ? offeredRps() : users();
    }

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
        required.removeAll(StepColumns.ADDED_IN_FORMAT_2);
        CsvFile csv = CsvFile.read(file, required);
        // Format 1 (before repetitions) had one row per step: read it as one repetition, its steps as plain ones.
        if (csv.has("rep")) {
            for (String column : StepColumns.ADDED_IN_FORMAT_2) {
                if (!csv.has(column)) {
                    throw new DamagedRunException(file, 1, "no column '" + column + "' in the header");
                }
            }
        }
        List<Step> steps = rows(csv, seriesIds);
        if (steps.isEmpty()) {
            throw new DamagedRunException(file, "no steps (only a header)");
        }
        return steps;
    }

    /**
     * Every row of {@code csv}, which has the columns of {@code steps.csv} (and perhaps more, as
     * {@code steps-by-host.csv} has {@code host}), in the file's order: the list's i-th is row i.
     */
    static List<Step> rows(CsvFile csv, Set<String> seriesIds) throws DamagedRunException {
        boolean format1 = !csv.has("rep");
        List<Step> steps = new ArrayList<>();
        for (int row = 0; row < csv.size(); row++) {
            String series = csv.text(row, "series");
            if (!seriesIds.contains(series)) {
                throw csv.error(row, "series '" + series + "' is not one of meta.json's series " + seriesIds);
            }
            String model = csv.text(row, "model");
            if (!MODELS.contains(model)) {
                throw csv.error(row, "model '" + model + "' is not open or closed");
            }
            String phase = format1 ? "step" : csv.text(row, "phase");
            if (!NAMED_PHASE.matcher(phase).matches()) {
                throw csv.error(row, "phase '" + phase + "' is not one of " + PLAIN_PHASES + " or a lowercase name");
            }
            double rep = format1 ? 1 : csv.number(row, "rep");
            if (!(rep >= 1) || rep != Math.rint(rep)) {
                throw csv.error(row, "rep '" + csv.text(row, "rep") + "' is not 1, 2, ...");
            }
            double step = csv.number(row, "step");
            if (!(step >= 1) || step != Math.rint(step)) {
                throw csv.error(row, "step '" + csv.text(row, "step") + "' is not 1, 2, ...");
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (String column : NUMERIC_COLUMNS) {
                values.put(column, format1 && !csv.has(column) ? Double.NaN : csv.number(row, column));
            }
            boolean limited = Boolean.parseBoolean(csv.text(row, "generator_limited"));
            steps.add(new Step(series, (int) step, (int) rep, phase, model, limited, Map.copyOf(values)));
        }
        return List.copyOf(steps);
    }
}
