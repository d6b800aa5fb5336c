package io.asyncworkbench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One run folder read whole and checked ({@code docs/run-format.md}): its {@code meta.json}, the
 * rows of {@code steps.csv}, the samples of {@code server-metrics.csv} and the intervals of every
 * series' {@code .hlog}. The logs ({@code *.log}) are for people and are not read.
 */
record Run(Path dir, RunMeta meta, List<Step> steps, ServerSamples metrics,
           Map<String, List<LatencyLog.Interval>> latency) {

    /** Reads the run folder {@code dir}, or says which file is missing or bad. */
    static Run load(Path dir) throws DamagedRunException {
        if (!Files.isDirectory(dir)) {
            throw new DamagedRunException(dir, "not a run folder");
        }
        RunMeta meta = RunMeta.read(dir.resolve("meta.json"));
        Set<String> ids = new LinkedHashSet<>(meta.seriesIds());
        if (ids.size() != meta.series().size()) {
            throw new DamagedRunException(dir.resolve("meta.json"), "two series share one id");
        }
        List<Step> steps = Step.read(dir.resolve("steps.csv"), ids);
        ServerSamples metrics = ServerSamples.read(dir.resolve("server-metrics.csv"), ids);
        Map<String, List<LatencyLog.Interval>> latency = new LinkedHashMap<>();
        for (String id : ids) {
            latency.put(id, LatencyLog.read(dir.resolve(id + ".hlog")));
        }
        return new Run(dir, meta, steps, metrics, latency);
    }

    String experiment() {
        return meta.experiment();
    }

    /** The series ids in meta.json's order. */
    List<String> seriesIds() {
        return meta.seriesIds();
    }

    /** The steps of {@code series}, in the order run. */
    List<Step> steps(String series) {
        return steps.stream().filter(s -> s.series().equals(series)).toList();
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
