package io.asyncworkbench.report;

import io.asyncworkbench.run.RunMeta;
import io.asyncworkbench.run.SustainableRate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One run folder read whole and checked ({@code docs/run-format.md}): its {@code meta.json}, the
 * rows of {@code steps.csv} and the samples of {@code server-metrics.csv}; every series'
 * {@code .hlog} is checked to be whole, so a damaged one is named, though no figure plots it now.
 * Where the load came from several hosts ({@code meta.json}'s {@code hosts}), also each host's
 * rows ({@code steps-by-host.csv}, {@link #byHost}) and each host's {@code <series>.<label>.hlog}.
 * The logs ({@code *.log}) are for people and are not read.
 *
 * <p>Each step ran several times. A run is read as the medians of its repetitions
 * ({@link #steps(String)}: one {@link Step#median} per load, in the order of the load), which is
 * what tables and figures show; {@link #repetition(int)} gives the same run as repetition N alone
 * saw it, from which a headline's range is computed.
 */
record Run(Path dir, RunMeta meta, List<Step> rows, HostSteps byHost, ServerSamples metrics, int rep) {

    /** {@link #rep} of the run read as medians. */
    static final int MEDIANS = 0;

    /** Reads the run folder {@code dir}, or says which file is missing or bad. */
    static Run load(Path dir) throws DamagedRunException {
        if (!Files.isDirectory(dir)) {
            throw new DamagedRunException(dir, "not a run folder");
        }
        RunMeta meta = MetaFile.read(dir.resolve("meta.json"));
        Set<String> ids = new LinkedHashSet<>(meta.seriesIds());
        if (ids.size() != meta.series().size()) {
            throw new DamagedRunException(dir.resolve("meta.json"), "two series share one id");
        }
        List<Step> steps = Step.read(dir.resolve("steps.csv"), ids);
        HostSteps byHost = meta.hosts() != null && meta.hosts().loadByHost()
                ? HostSteps.read(dir.resolve("steps-by-host.csv"), steps, ids, meta.hosts().loadLabels())
                : HostSteps.NONE;
        ServerSamples metrics = ServerSamples.read(dir.resolve("server-metrics.csv"), ids);
        for (String id : ids) {
            LatencyLog.read(dir.resolve(id + ".hlog"));
            for (String host : byHost.hosts()) {
                LatencyLog.read(dir.resolve(id + "." + host + ".hlog"));
            }
        }
        return new Run(dir, meta, steps, byHost, metrics, MEDIANS);
    }

    String experiment() {
        return meta.experiment();
    }

    /** The series ids in meta.json's order. */
    List<String> seriesIds() {
        return meta.seriesIds();
    }

    /**
     * The steps of {@code series}, one per load (offered rate or users), by load: the median of
     * the step's repetitions, or in a {@link #repetition(int)} view that repetition's row.
     */
    List<Step> steps(String series) {
        Map<String, List<Step>> byLoad = rows.stream()
                .filter(s -> s.series().equals(series) && (rep == MEDIANS || s.rep() == rep))
                .sorted(Comparator.comparingInt(Step::step))
                .collect(Collectors.groupingBy(Step::identity, LinkedHashMap::new, Collectors.toList()));
        List<Step> steps = byLoad.values().stream().map(reps -> reps.size() == 1 ? reps.getFirst() : Step.median(reps)).toList();
        // Named phases keep the order they ran in (idle storm, then load storm); a sweep reads by load.
        return steps.stream().anyMatch(Step::namedPhase) ? steps
                : steps.stream().sorted(Comparator.comparing(Step::model).thenComparingDouble(Step::load)).toList();
    }

    /**
     * Every row of {@code series}, every repetition, in the order run: for what accumulates over
     * the whole series, such as the connections made until the local ports ran out.
     */
    List<Step> rowsInOrder(String series) {
        return rows.stream().filter(s -> s.series().equals(series)).sorted(Comparator.comparingInt(Step::step)).toList();
    }

    /** The rows whose median is {@code step}: its repetitions, in the order run. */
    List<Step> repetitionsOf(Step step) {
        return rows.stream().filter(s -> s.series().equals(step.series()) && s.identity().equals(step.identity())).toList();
    }

    /** Every step of every series, as {@link #steps(String)} gives them. */
    List<Step> steps() {
        return seriesIds().stream().flatMap(s -> steps(s).stream()).toList();
    }

    /** The repetitions the run has: 1, 2, 3, ... */
    Set<Integer> repetitions() {
        return rows.stream().map(Step::rep).collect(Collectors.toCollection(TreeSet::new));
    }

    /** This run as repetition {@code n} alone saw it. */
    Run repetition(int n) {
        return new Run(dir, meta, rows, byHost, metrics, n);
    }

    /** The folder's name: the run's UTC start, e.g. {@code 20261126T150102Z}. */
    String id() {
        return dir.getFileName().toString();
    }

    /** The maximum sustainable rate of {@code series} under the run's p99 bound, from its open-model steps. */
    OptionalDouble sustainableRps(String series) {
        return SustainableRate.find(steps(series).stream()
                .filter(s -> s.model().equals("open"))
                .map(s -> new SustainableRate.Point(s.offeredRps(), s.achievedRps(), s.p99Millis()))
                .toList(), meta.p99BoundMillis());
    }
}
