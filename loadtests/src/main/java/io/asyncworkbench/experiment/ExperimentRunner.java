package io.asyncworkbench.experiment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.asyncworkbench.experiment.ExperimentDefinition.Profile;
import io.asyncworkbench.experiment.ExperimentDefinition.Series;
import io.asyncworkbench.run.RunMeta;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one experiment end to end and leaves one complete run folder (see {@code docs/run-format.md}):
 * for each series, {@link SeriesRun} starts the server, verifies, warms up, runs the steps and
 * stops it; then {@code meta.json} records where and how, and the folder is renamed into place.
 * A failure or Ctrl-C leaves no run folder: the partial files move to {@code .failed-<time>} and
 * the error says so.
 */
public final class ExperimentRunner {

    /** What every series of one run shares. */
    record Context(Path root, ExperimentDefinition definition, Profile profile, Placement placement, Hosts hosts,
                   List<String> jvmFlags, RunFolder folder, PrintWriter log, String tag, Eta eta) {

        void progress(String message) {
            log.println("[" + tag + "] " + message);
            log.flush();
        }
    }

    /** How to run: the repository root, where runs go, the profile, CPU overrides (may be null), the hosts. */
    public record Settings(Path root, Path runsRoot, String profileName, CpuSet serverCpus, CpuSet loadCpus,
                           Hosts.Choice hosts, String runnerCommand, PrintWriter console) {
    }

    private final Settings settings;

    public ExperimentRunner(Settings settings) {
        this.settings = settings;
    }

    /** Runs {@code definition}; returns the committed run folder. */
    public Path run(ExperimentDefinition definition, String tag) throws IOException {
        Instant started = Instant.now();
        Profile profile = definition.profiles().get(settings.profileName());
        if (settings.hosts().remote() && definition.series().stream().anyMatch(s -> s.netns() != null)) {
            throw new IllegalArgumentException(definition.name() + " runs its series in network namespaces of this machine;"
                    + " it cannot run on --server-host or --load-host");
        }
        Hosts hosts = Hosts.connect(settings.hosts(), settings.root().resolve("loadtests").resolve("target").resolve("loadtests.jar"));
        Placement placement = Placement.choose(definition.placement(), Provenance.onlineCpus(), settings.serverCpus(), settings.loadCpus());
        placement.pinThisProcess();
        RunFolder folder = RunFolder.create(settings.runsRoot(), definition.name(), started);
        Thread interrupted = new Thread(() -> {
            stopChildren();
            Netns.closeAll();
            settings.console().println("experiment " + definition.name() + " interrupted: partial files in " + folder.abandon());
        });
        Runtime.getRuntime().addShutdownHook(interrupted);
        try (PrintWriter log = new TeeWriter(folder.file("load.log"), settings.console()).printer();
             Writer steps = Files.newBufferedWriter(folder.file("steps.csv"), StandardCharsets.UTF_8);
             Writer byHost = hosts.byHost() ? Files.newBufferedWriter(folder.file("steps-by-host.csv"), StandardCharsets.UTF_8) : null;
             Writer metrics = Files.newBufferedWriter(folder.file("server-metrics.csv"), StandardCharsets.UTF_8)) {
            Context context = new Context(settings.root(), definition, profile, placement, hosts, JvmFlags.forServers(), folder, log, tag,
                    new Eta(System.nanoTime(), definition.series().size() * expectedPoints(profile) * profile.repetitionsOrDefault()));
            steps.write(StepsCsv.header());
            if (byHost != null) {
                byHost.write(StepsCsv.byHostHeader());
            }
            metrics.write(MetricsScraper.header());
            context.progress(definition.title() + " (" + settings.profileName() + " profile, server on CPUs " + placement.serverCpus()
                    + ", load on CPUs " + placement.loadCpus() + (placement.pinned() ? "" : ", shared")
                + (hosts.remote() ? "; server on " + hosts.server().describe() + ", load from "
                        + String.join(", ", hosts.load().stream().map(Host::describe).toList()) : "") + ")");
            List<Map<String, Object>> series = new ArrayList<>();
            for (Series s : definition.series()) {
                series.add(new SeriesRun(context, s).run(steps, byHost, metrics));
            }
            writeMeta(folder.file("meta.json"), context, started, series);
        } catch (Exception e) {
            removeOrAwaitShutdown(interrupted);
            Path partial = folder.abandon();
            throw new IOException(definition.name() + ": " + e.getMessage() + " (partial files and logs in " + partial + ")", e);
        }
        removeOrAwaitShutdown(interrupted);
        return folder.commit();
    }

    /**
     * Removes the Ctrl-C hook; when the JVM is already shutting down (SIGTERM stopped a child, and
     * the run failed for that), leaves the clean-up and the one line about it to the hook and waits
     * for the JVM to halt, instead of failing a second time with "Shutdown in progress".
     */
    private static void removeOrAwaitShutdown(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            while (true) {
                LockSupport.park();
            }
        }
    }

    /** How many points a series measures, for the estimate of time left: a search adds about four to its sweep. */
    private static int expectedPoints(Profile profile) {
        return profile.plainSteps().size() + (profile.searches() ? 4 : 0);
    }

    /**
     * On Ctrl-C or SIGTERM: stops the servers and generators this runner started (they would
     * outlive it, and a generator would go on writing into the run folder), and waits for them.
     */
    private static void stopChildren() {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        children.forEach(ProcessHandle::destroy);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
    }

    private void writeMeta(Path file, Context context, Instant started, List<Map<String, Object>> series) throws IOException {
        ExperimentDefinition d = context.definition();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("experiment", d.name());
        meta.put("title", d.title());
        meta.put("summary", d.summary());
        meta.put("sizing", d.sizing());
        meta.put("profile", settings.profileName());
        meta.put("started", started.toString());
        meta.put("finished", Instant.now().toString());
        meta.put("git", Provenance.git(settings.root()));
        meta.put("machine", Provenance.machine());
        meta.put("jdk", Provenance.jdk());
        if (context.hosts().describe() != null) {
            meta.put("hosts", context.hosts().describe());
        }
        meta.put("placement", Map.of("serverCpus", context.placement().serverCpus().toString(),
                "loadCpus", context.placement().loadCpus().toString(), "pinned", context.placement().pinned()));
        meta.put("jvmFlags", context.jvmFlags());
        meta.put("generatorJvmFlags", GeneratorProcess.jvmFlags());
        meta.put("runnerJvmFlags", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        meta.put("runnerCommand", settings.runnerCommand());
        meta.put("loadArgs", d.load());
        meta.put("warmupArgs", d.warmup());
        Profile p = context.profile();
        meta.put("steps", p.phases() != null
                ? Map.of("phases", p.phases(), "repetitions", p.repetitionsOrDefault())
                : Map.of("vary", p.vary(), "values", p.values(), "each", p.each(), "search", p.searches(),
                        "repetitions", p.repetitionsOrDefault()));
        // The bound is stated with its reason, never derived from a measured step.
        meta.put("p99BoundMillis", d.p99Bound().millis());
        meta.put("p99BoundReason", d.p99Bound().reason());
        meta.put("series", series);
        meta.put("published", d.published());
        meta.put("ratios", d.ratios());
        JSON.writeValue(file.toFile(), asRecord(meta));
    }

    /** Writes meta.json indented; reads the runner's record into {@link RunMeta}, failing on a field the format does not declare. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * The record meta.json is written from: the runner's fields, read into the one type that
     * defines the file ({@link RunMeta}, which the report reads back), so that a field the format
     * does not know fails the run here instead of being written and never read.
     */
    static RunMeta asRecord(Map<String, Object> meta) {
        return JSON.convertValue(meta, RunMeta.class);
    }
}
