package io.asyncworkbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Chooses the run to render for each experiment: the runs named on the command line, and for every
 * other experiment under the runs folder its newest run (folder names are UTC start times, so the
 * newest sorts last). Folders still being written ({@code .tmp-*}) are skipped. A run that cannot
 * be read adds one line to {@link Selection#problems()}; for a default choice the next older run
 * of that experiment is tried, so one damaged folder never hides an experiment that has a good run.
 * An experiment whose definition ({@link ExperimentDeclaration}) cannot be used adds one line too,
 * and its run is left out.
 */
final class RunSelector {

    /** The runs to render, one per experiment, in report order; and one line per unreadable run. */
    record Selection(List<Run> runs, List<String> problems) {
    }

    private RunSelector() {
    }

    static Selection select(Path runsDir, List<Path> explicitRuns) {
        Map<String, Run> chosen = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path dir : explicitRuns) {
            try {
                Run run = Run.load(dir);
                chosen.putIfAbsent(run.experiment(), run);
            } catch (DamagedRunException e) {
                problems.add(e.getMessage());
            }
        }
        for (Path experimentDir : children(runsDir)) {
            String experiment = experimentDir.getFileName().toString();
            if (chosen.containsKey(experiment)) {
                continue;
            }
            for (Path dir : children(experimentDir).reversed()) {
                try {
                    Run run = Run.load(dir);
                    chosen.putIfAbsent(run.experiment(), run);
                    break;
                } catch (DamagedRunException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        // A run whose experiment's definition declares its figures wrongly is not drawn; the definition is named.
        List<Run> runs = new ArrayList<>();
        for (Run run : chosen.values()) {
            try {
                ExperimentDeclaration.of(run.experiment());
                runs.add(run);
            } catch (BadDeclarationException e) {
                problems.add(e.getMessage());
            }
        }
        runs.sort(Comparator.comparing((Run r) -> ExperimentDeclaration.of(r.experiment()).orderOrLast())
                .thenComparing(Run::experiment));
        return new Selection(List.copyOf(runs), List.copyOf(problems));
    }

    /** The sub-folders of {@code dir} whose names do not start with '.', sorted by name; none when absent. */
    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
