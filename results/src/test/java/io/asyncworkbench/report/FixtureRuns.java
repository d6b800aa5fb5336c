package io.asyncworkbench.report;

import io.asyncworkbench.run.RunMeta;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The hand-made fixture runs of {@code src/test/resources/fixture-runs/}, one per experiment, copied
 * into a test's folder as {@code results/runs/<experiment>/<timestamp>/}, with each series'
 * {@code .hlog} written here by HdrHistogram's {@link HistogramLogWriter} (so no binary is
 * committed): per step, one 1-second interval per second of the step, tagged {@code step-N}, whose
 * counts put 50% of the step's requests at its p50, 40% at p90, 9% at p99, 0.9% at p99.9 and the
 * rest at its max. The same steps always give the same log. A run whose load came from several
 * hosts also gets each host's {@code <series>.<label>.hlog}, the same way from its rows of
 * {@code steps-by-host.csv}.
 *
 * <p>{@code src/test/resources/fixture-runs-hosts/} holds such a run ({@link #copyHostsRunTo}): kept
 * apart, so the report of the six runs above, and its golden files, stay as they are.
 */
final class FixtureRuns {

    static final List<String> EXPERIMENTS = List.of("part1-single-thread", "part1-reuseport", "part3-offload",
            "accept-loop", "ephemeral-ports", "book-blocking-vs-async");

    /** The experiment of the run in {@code fixture-runs-hosts/}. */
    static final String HOSTS_EXPERIMENT = "part1-single-thread";

    private FixtureRuns() {
    }

    /** Copies every fixture run to {@code root/results/runs} with its logs; returns that runs folder. */
    static Path copyTo(Path root) throws IOException {
        return copyTo(root, EXPERIMENTS);
    }

    /** Copies the fixture runs of {@code experiments} to {@code root/results/runs} with their logs. */
    static Path copyTo(Path root, List<String> experiments) throws IOException {
        return copyTo(root, "/fixture-runs", experiments);
    }

    /**
     * Copies the fixture run whose load came from two hosts ({@code fixture-runs-hosts/}: a
     * part1-single-thread run) to {@code root/results/runs} with its logs; returns its run folder.
     */
    static Path copyHostsRunTo(Path root) throws IOException {
        return onlyRun(copyTo(root, "/fixture-runs-hosts", List.of(HOSTS_EXPERIMENT)).resolve(HOSTS_EXPERIMENT));
    }

    private static Path copyTo(Path root, String fixtures, List<String> experiments) throws IOException {
        Path runs = root.resolve("results/runs");
        for (String experiment : experiments) {
            copyTree(resource(fixtures).resolve(experiment), runs.resolve(experiment));
            writeLatencyLogs(onlyRun(runs.resolve(experiment)));
        }
        return runs;
    }

    /** Copies the fixture JMH results ({@code src/test/resources/fixture-jmh/}) to {@code root/results/jmh}; returns that folder. */
    static Path copyJmhTo(Path root) throws IOException {
        Path jmh = root.resolve("results/jmh");
        copyTree(resource("/fixture-jmh"), jmh);
        return jmh;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.sorted().toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    /** The one run folder under an experiment's folder. */
    static Path onlyRun(Path experimentDir) throws IOException {
        try (Stream<Path> runs = Files.list(experimentDir)) {
            return runs.sorted(Comparator.reverseOrder()).findFirst().orElseThrow();
        }
    }

    /**
     * Writes {@code <series>.hlog} for every series of the run from its {@code steps.csv}, and where
     * the load came from several hosts each host's {@code <series>.<label>.hlog} from its rows of
     * {@code steps-by-host.csv}.
     */
    static void writeLatencyLogs(Path runDir) throws IOException {
        try {
            RunMeta meta = MetaFile.read(runDir.resolve("meta.json"));
            Set<String> ids = Set.copyOf(meta.seriesIds());
            List<Step> steps = Step.read(runDir.resolve("steps.csv"), ids);
            HostSteps byHost = meta.hosts() != null && meta.hosts().loadByHost()
                    ? HostSteps.read(runDir.resolve("steps-by-host.csv"), steps, ids, meta.hosts().loadLabels())
                    : HostSteps.NONE;
            long startMs = Instant.parse(meta.started()).toEpochMilli();
            for (String series : meta.seriesIds()) {
                writeLog(runDir.resolve(series + ".hlog"), startMs,
                        steps.stream().filter(s -> s.series().equals(series)).toList());
                for (String host : byHost.hosts()) {
                    writeLog(runDir.resolve(series + "." + host + ".hlog"), startMs,
                            byHost.rowsByHost().get(host).stream().filter(s -> s.series().equals(series)).toList());
                }
            }
        } catch (DamagedRunException e) {
            throw new IllegalStateException("a fixture run is damaged: " + e.getMessage(), e);
        }
    }

    private static void writeLog(Path file, long startMs, List<Step> steps) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8")) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(startMs);
            writer.setBaseTime(startMs);
            writer.outputBaseTime(startMs);
            writer.outputLegend();
            long second = 0;
            for (Step step : steps) {
                for (int i = 0; i < step.durationSeconds(); i++, second++) {
                    Histogram h = interval(step);
                    h.setStartTimeStamp(startMs + second * 1000);
                    h.setEndTimeStamp(startMs + (second + 1) * 1000);
                    h.setTag("step-" + step.step());
                    writer.outputIntervalHistogram(h);
                }
            }
        }
    }

    private static Histogram interval(Step step) {
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        long n = Math.round(step.achievedRps());
        if (n == 0 || Double.isNaN(step.p99Millis())) {
            return h;
        }
        record(h, step.value("p50_ms"), Math.max(1, n * 50 / 100));
        record(h, step.value("p90_ms"), Math.max(1, n * 40 / 100));
        record(h, step.p99Millis(), Math.max(1, n * 9 / 100));
        record(h, step.value("p999_ms"), Math.max(1, n * 9 / 1000));
        record(h, step.value("max_ms"), Math.max(1, n / 1000));
        return h;
    }

    private static void record(Histogram h, double millis, long count) {
        h.recordValueWithCount(Math.round(millis * 1e6), count);
    }

    private static Path resource(String name) {
        try {
            return Path.of(FixtureRuns.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
