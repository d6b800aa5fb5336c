package io.asyncworkbench.report;

import io.asyncworkbench.run.StepColumns;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's {@code steps-by-host.csv}, written when the load came from more than one host (or from
 * another host than the runner's): each load host's own figures for every row of {@code steps.csv},
 * which holds their total. A host's row is its share of the row of {@code steps.csv} with the same
 * series and step number (one number per row, so per repetition), and has the same repetition,
 * phase and model:
 * <pre>
 *   steps.csv           threads-1,4,1,sweep,open,4000,...,requests 19990
 *   steps-by-host.csv   load-1,threads-1,4,1,sweep,open,2000,...,requests 10000
 *                       load-2,threads-1,4,1,sweep,open,2000,...,requests  9990
 * </pre>
 * Reading checks that every row of {@code steps.csv} has one row per load host and that the hosts'
 * responses and errors add up to its own exactly, so a table of the hosts beside their total never
 * shows two files that disagree.
 */
record HostSteps(List<String> hosts, Map<String, List<Step>> rowsByHost) {

    /** A run whose load was not kept apart by host. */
    static final HostSteps NONE = new HostSteps(List.of(), Map.of());

    /** The counts that the hosts' rows add up to exactly in {@code steps.csv}. */
    private static final List<String> SUMMED = List.of("requests", "errors");

    /** Reads {@code file}, whose rows must be those of {@code hosts} (labels, in meta.json's order) for the rows {@code totals}. */
    static HostSteps read(Path file, List<Step> totals, Set<String> seriesIds, List<String> hosts) throws DamagedRunException {
        CsvFile csv = CsvFile.read(file, StepColumns.BY_HOST);
        List<Step> rows = Step.rows(csv, seriesIds);
        Map<String, Step> totalByKey = new HashMap<>();
        totals.forEach(t -> totalByKey.put(key(t), t));
        Map<String, List<Step>> byHost = new LinkedHashMap<>();
        hosts.forEach(h -> byHost.put(h, new ArrayList<>()));
        Set<String> seen = new HashSet<>();
        for (int row = 0; row < rows.size(); row++) {
            Step step = rows.get(row);
            String host = csv.text(row, "host");
            if (!byHost.containsKey(host)) {
                throw csv.error(row, "host '" + host + "' is not one of meta.json's load hosts " + hosts);
            }
            Step total = totalByKey.get(key(step));
            if (total == null) {
                throw csv.error(row, "steps.csv has no " + describe(step));
            }
            if (total.rep() != step.rep() || !total.phase().equals(step.phase()) || !total.model().equals(step.model())) {
                throw csv.error(row, describe(step) + " is repetition " + total.rep() + ", " + total.phase() + ", "
                        + total.model() + " model in steps.csv");
            }
            if (!seen.add(host + " " + key(step))) {
                throw csv.error(row, "a second row of " + host + " for " + describe(step));
            }
            byHost.get(host).add(step);
        }
        checkTotals(file, totals, byHost);
        byHost.replaceAll((host, steps) -> List.copyOf(steps));
        return new HostSteps(List.copyOf(hosts), Map.copyOf(byHost));
    }

    /** Whether there are no hosts' rows: the load came from the runner's machine alone. */
    boolean isEmpty() {
        return hosts.isEmpty();
    }

    /** The rows of {@code host} whose totals are {@code totalReps} (a step's repetitions), in their order. */
    List<Step> repetitionsOf(String host, List<Step> totalReps) {
        Set<String> keys = new HashSet<>();
        totalReps.forEach(t -> keys.add(key(t)));
        return rowsByHost.get(host).stream().filter(s -> keys.contains(key(s))).toList();
    }

    /** Every row of {@code steps.csv} has one row per host, and their counts add up to its own. */
    private static void checkTotals(Path file, List<Step> totals, Map<String, List<Step>> byHost) throws DamagedRunException {
        Map<String, List<Step>> byTotal = new HashMap<>();
        byHost.values().forEach(rows -> rows.forEach(s -> byTotal.computeIfAbsent(key(s), k -> new ArrayList<>()).add(s)));
        for (Step total : totals) {
            List<Step> parts = byTotal.getOrDefault(key(total), List.of());
            if (parts.size() != byHost.size()) {
                throw new DamagedRunException(file, describe(total) + " has rows of " + parts.size() + " of the "
                        + byHost.size() + " load hosts");
            }
            for (String column : SUMMED) {
                double sum = parts.stream().mapToDouble(s -> s.value(column)).sum();
                if (Math.round(sum) != Math.round(total.value(column))) {
                    throw new DamagedRunException(file, "the hosts' " + column + " of " + describe(total) + " add up to "
                            + Numbers.csv(sum) + ", steps.csv has " + Numbers.csv(total.value(column)));
                }
            }
        }
    }

    /** A row of steps.csv is known by its series and step number. */
    private static String key(Step step) {
        return step.series() + " " + step.step();
    }

    private static String describe(Step step) {
        return "step " + step.step() + " of " + step.series();
    }
}
