package io.asyncworkbench.experiment;

import io.asyncworkbench.experiment.ExperimentDefinition.Profile;
import io.asyncworkbench.experiment.ExperimentDefinition.Series;
import io.asyncworkbench.load.ErrorClass;
import io.asyncworkbench.load.Summary;
import io.asyncworkbench.process.ServerProcess;
import io.asyncworkbench.run.Spread;
import io.asyncworkbench.run.SustainableRate;
import io.asyncworkbench.workload.Workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.zip.GZIPOutputStream;

/**
 * One series of an experiment: start its server (placed, with its fd limit) and its load generator
 * (a process of its own on the load CPUs), verify the server answers {@code /data} with the
 * expected JSON and {@code /metrics} with Prometheus text, warm both up until steady, measure the
 * steps (each repeated, the knee searched where the profile asks), check the server still answers
 * (and how long that took), and stop both. Both processes are stopped whatever happens.
 *
 * <p>Repetitions of a step run back to back, so a slow drift of the machine shows as a range
 * rather than as a difference between steps; the step's verdict is the median's.
 */
final class SeriesRun {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String WARMUP_ROUND = "2s";
    private static final Duration WARMUP_CAP = Duration.ofSeconds(40);

    private final ExperimentRunner.Context context;
    private final Series series;
    private final Profile profile;
    private final Map<String, Object> record = new LinkedHashMap<>();
    private int rowsWritten;

    SeriesRun(ExperimentRunner.Context context, Series series) {
        this.context = context;
        this.series = series;
        this.profile = context.profile();
    }

    /**
     * Runs the series; appends its rows to {@code steps} (and each load host's to {@code byHost},
     * when the run keeps them; else null) and returns what meta.json records of it.
     */
    Map<String, Object> run(Writer steps, Writer byHost, Writer metrics) throws Exception {
        Path jar = context.root().resolve(series.stage()).resolve("target").resolve(series.stage() + ".jar");
        Path loadJar = context.root().resolve("loadtests").resolve("target").resolve("loadtests.jar");
        for (Path required : List.of(jar, loadJar)) {
            if (!Files.isRegularFile(required)) {
                throw new IOException("the jar " + required + " is missing: build it with ./workbench build");
            }
        }
        record.put("id", series.id());
        record.put("label", series.label());
        record.put("stage", series.stage());
        if (series.group() != null) {
            record.put("group", series.group());
        }
        record.put("serverArgs", series.server());
        record.put("loadArgs", series.load());
        record.put("fdLimit", series.fdLimit());
        if (series.netns() == null) {
            return measure(jar, loadJar, steps, byHost, metrics, null); // the host's settings are meta.json's machine.sysctl
        }
        Optional<String> unavailable = Netns.unavailable();
        if (unavailable.isPresent()) {
            record.put("skipped", unavailable.get());
            context.progress("series " + series.id() + " skipped: it " + unavailable.get());
            return record;
        }
        try (Netns netns = Netns.create(series.netns().sysctls())) {
            Map<String, Object> described = netns.describe(series.netns().sysctls());
            record.put("netns", described);
            context.progress("series " + series.id() + ": in network namespace " + netns.name() + " (" + described.get("sysctls") + ")");
            return measure(jar, loadJar, steps, byHost, metrics, netns);
        }
    }

    /**
     * Starts server and generators (inside {@code netns} when there is one: they talk over its
     * loopback, the runner reaches the server over its veth address; else on the run's hosts), then
     * verifies, warms up and measures.
     */
    private Map<String, Object> measure(Path jar, Path loadJar, Writer steps, Writer byHost, Writer metrics, Netns netns) throws Exception {
        Hosts hosts = context.hosts();
        Host serverHost = hosts.server();
        List<String> inside = netns == null ? List.of() : netns.prefix();
        List<String> program = new ArrayList<>(context.placement().serverPrefix(series.fdLimit()));
        program.add(serverHost.java());
        program.addAll(context.jvmFlags());
        program.addAll(List.of("-jar", serverHost.install(jar), "--host", netns == null ? hosts.serverListenAddress() : "0.0.0.0",
                "--port", "0"));
        program.addAll(series.server());
        List<String> command = new ArrayList<>(inside);
        command.addAll(serverHost.serverCommand(program));
        List<String> generatorPrefix = new ArrayList<>(inside);
        generatorPrefix.addAll(context.placement().loadPrefix());
        Path log = context.folder().file(series.id() + ".server.log");
        String runnerHost = netns == null ? hosts.serverAddress() : netns.address();
        record.put("serverCommand", portable(program));
        record.put("generatorCommand", portable(GeneratorProcess.command(generatorPrefix, ServerProcess.currentJava(), loadJar.toString())));
        try (ServerProcess server = ServerProcess.start(command, serverHost.serverStop(), log, Duration.ofSeconds(30));
             LoadGenerators generators = LoadGenerators.start(hosts.load(), hosts.loadClockOffsets(), generatorPrefix, loadJar,
                     context.folder().directory(), series.id())) {
            record.put("startupLine", server.startupLine());
            record.put("threads", server.threads());
            URI url = URI.create("http://" + runnerHost + ":" + server.port() + "/data");
            verify(url, server);
            String loadHost = netns == null ? hosts.serverAddress() : "127.0.0.1";
            Steps measured = new Steps(generators, server, serverHost.remote() ? -1 : server.pid(), url,
                    URI.create("http://" + loadHost + ":" + server.port() + "/data"), netns, steps, byHost,
                    series.fdLimit() == null || serverHost.remote() ? null : new FdExhaustionLog(log));
            try (MetricsScraper scraper = new MetricsScraper(series.id(), runnerHost, server.port(), measured.serverPid,
                    context.definition().samplesListenQueue() && !serverHost.remote(), metrics)) {
                if (!context.definition().warmup().isEmpty()) {
                    record.put("warmup", warmUp(measured));
                }
                long originNanos = System.nanoTime();
                long originMillis = System.currentTimeMillis();
                scraper.record(originNanos);
                try (HlogMerger hlog = new HlogMerger(context.folder().file(series.id() + ".hlog"), originMillis);
                     HostLogs hostLogs = new HostLogs(hosts.byHost() ? generators.hosts() : List.of(), originMillis)) {
                    measured.hlog = hlog;
                    measured.hostLogs = hostLogs;
                    if (profile.searches()) {
                        searchKnee(measured);
                    } else {
                        List<Summary> last = List.of();
                        for (ExperimentDefinition.NamedStep step : profile.plainSteps()) {
                            last = measured.point(step.args(), step.name());
                        }
                        if (netns != null && ranOutOfPorts(last)) {
                            record.put("portsBackMillis", portsBackMillis(measured));
                        }
                    }
                    record.put("recoveryMillis", recoveryMillis(url));
                    if (measured.fdLog != null) {
                        record.put("fdExhaustionLogLines", measured.fdLog.linesByPhase());
                    }
                }
            }
            record.put("exitStatus", server.stop(Duration.ofSeconds(15)));
        }
        compressIfLarge(log);
        return record;
    }

    /** Above this a server log is kept gzip-compressed (the naive accept loop logs every failed accept). */
    static final long LARGE_LOG_BYTES = 1 << 20;

    /**
     * Replaces {@code log} by {@code log.gz} when it is larger than {@link #LARGE_LOG_BYTES}, so a
     * run folder stays small enough to keep in git (the naive accept loop wrote 68 MB in 5 s of
     * storm); nothing reads server logs but people.
     */
    static void compressIfLarge(Path log) throws IOException {
        if (!Files.isRegularFile(log) || Files.size(log) <= LARGE_LOG_BYTES) {
            return;
        }
        Path gz = log.resolveSibling(log.getFileName() + ".gz");
        try (InputStream in = Files.newInputStream(log);
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
            in.transferTo(out);
        }
        Files.delete(log);
    }

    /**
     * Rounds of the experiment's warm-up load until {@link Steadiness} says server and generator
     * are steady, or the cap is reached; returns what meta.json records of it.
     */
    private Map<String, Object> warmUp(Steps steps) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(context.definition().warmup());
        args.addAll(List.of("--duration", WARMUP_ROUND));
        long startNanos = System.nanoTime();
        List<Steadiness.Round> rounds = new ArrayList<>();
        boolean steady = false;
        while (!steady && System.nanoTime() - startNanos < WARMUP_CAP.toNanos()) {
            Map<Long, Long> serverJit = JitCpu.sample(steps.serverPid);
            Summary s = steps.generators.run(steps.loadArgs(args), false).total();
            // The generator reports what its JIT compiled inside the measured window, the part that can delay its sends.
            Steadiness.Round round = new Steadiness.Round(s.windowSeconds(), s.achievedRate(), s.latency().p99Ms(),
                    JitCpu.millisBetween(serverJit, JitCpu.sample(steps.serverPid)), s.cpu().jitMillis());
            rounds.add(round);
            steady = Steadiness.steady(rounds);
            // A server on another host is not sampled: its JIT counts as quiet, and the line says so.
            String serverJitText = steps.serverPid < 0 ? "not sampled (remote)" : String.format(Locale.ROOT, "%.0f ms", round.serverJitMillis());
            context.progress(String.format(Locale.ROOT, "series %s: warm-up round %d: %.0f req/s, p99 %.2f ms, JIT %s (server) %.0f ms (generator)%s",
                    series.id(), rounds.size(), round.achievedRps(), round.p99Millis(), serverJitText,
                    round.generatorJitMillis(), steady ? ": steady" : ""));
        }
        if (!steady) {
            context.progress("series " + series.id() + ": warm-up not steady after " + WARMUP_CAP.toSeconds() + " s; measuring anyway");
        }
        Map<String, Object> warmup = new LinkedHashMap<>();
        warmup.put("seconds", Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0);
        warmup.put("rounds", rounds.size());
        warmup.put("steady", steady);
        return warmup;
    }

    /** The coarse sweep, then bisection around the knee; records the knee and its range in meta.json. */
    private void searchKnee(Steps steps) throws IOException, InterruptedException {
        double bound = context.definition().p99Bound().millis();
        KneeSearch search = new KneeSearch(profile.values().stream().map(Double::valueOf).toList());
        for (OptionalDouble next = search.next(); next.isPresent(); next = search.next()) {
            double rate = next.getAsDouble();
            String phase = search.sweeping() ? "sweep" : "search";
            List<Summary> reps = steps.point(profile.argsFor(number(rate)), phase);
            if (SustainableRate.agreement(points(rate, reps), bound) == SustainableRate.Agreement.SPLIT) {
                // One stalled repetition must not decide where the search goes: the step is measured
                // again, and the median of all its repetitions decides (the report reads the same rows).
                context.progress("series " + series.id() + ": the repetitions at " + number(rate) + " req/s disagree; measuring it again");
                reps = new ArrayList<>(reps);
                reps.addAll(steps.point(profile.argsFor(number(rate)), phase));
            }
            SustainableRate.Point median = new SustainableRate.Point(rate,
                    Spread.of(reps.stream().mapToDouble(Summary::achievedRate).toArray()).median(),
                    Spread.of(reps.stream().mapToDouble(s -> s.latency().p99Ms()).toArray()).median());
            search.record(rate, SustainableRate.sustains(median, bound));
        }
        OptionalDouble knee = search.knee();
        record.put("maxSustainableRps", knee.isPresent() ? knee.getAsDouble() : null);
        record.put("kneeAboveSweep", search.kneeAboveSweep());
        context.progress("series " + series.id() + ": max sustainable rate "
                + (knee.isPresent() ? number(knee.getAsDouble()) + " req/s" : "not found (no step held)")
                + (search.kneeAboveSweep() ? ", above every rate of the sweep" : ""));
    }

    /** Each repetition of the step at {@code rate} as the sustainable-rate rule reads it. */
    private static List<SustainableRate.Point> points(double rate, List<Summary> reps) {
        return reps.stream().map(s -> new SustainableRate.Point(rate, s.achievedRate(), s.latency().p99Ms())).toList();
    }

    /** The generators and server of the series, and what measuring one step writes. */
    private final class Steps {
        final LoadGenerators generators;
        final ServerProcess server;
        /** The server's pid on this machine, for what is read from {@code /proc}; -1 on a remote host. */
        final long serverPid;
        /** Where the runner reaches the server. */
        final URI url;
        /** Where the generators do: the same, or the namespace's own loopback. */
        final URI loadUrl;
        final Netns netns;
        final Writer rows;
        /** Each load host's rows, or null when the run keeps only the total. */
        final Writer hostRows;
        /** Counts the server's log lines about EMFILE per step, for a series with an fd limit; else null. */
        final FdExhaustionLog fdLog;
        HlogMerger hlog;
        HostLogs hostLogs;

        Steps(LoadGenerators generators, ServerProcess server, long serverPid, URI url, URI loadUrl, Netns netns, Writer rows,
              Writer hostRows, FdExhaustionLog fdLog) {
            this.generators = generators;
            this.server = server;
            this.serverPid = serverPid;
            this.url = url;
            this.loadUrl = loadUrl;
            this.netns = netns;
            this.rows = rows;
            this.hostRows = hostRows;
            this.fdLog = fdLog;
        }

        /** Measures the step with load flags {@code stepArgs} the profile's number of times; returns every repetition's summary. */
        List<Summary> point(List<String> stepArgs, String phase) throws IOException, InterruptedException {
            List<Summary> reps = new ArrayList<>();
            for (int rep = 1; rep <= profile.repetitionsOrDefault(); rep++) {
                if (rowsWritten > 0) {
                    settle(url);
                }
                if (netns != null) {
                    // Each repetition starts with every local port free, not with the last one's TIME_WAIT.
                    netns.clearTimeWait();
                }
                int step = ++rowsWritten;
                context.progress("series " + series.id() + ": step " + step + ", " + String.join(" ", stepArgs)
                        + ", repetition " + rep + "/" + profile.repetitionsOrDefault() + " (" + phase + ")"
                        + context.eta().left(System.nanoTime()));
                if (fdLog != null) {
                    fdLog.stepStarts();
                }
                LoadGenerators.Result result = generators.run(loadArgs(stepArgs), true);
                if (fdLog != null) {
                    fdLog.stepEnded(phase);
                }
                Summary summary = result.total();
                reps.add(summary);
                context.eta().stepDone();
                rows.write(StepsCsv.row(series.id(), step, rep, phase, users(stepArgs), summary));
                rows.flush();
                if (hostRows != null) {
                    for (LoadGenerators.HostResult h : result.hosts()) {
                        hostRows.write(StepsCsv.byHostRow(h.host().label(), series.id(), step, rep, phase, users(h.args()), h.summary()));
                    }
                    hostRows.flush();
                }
                hlog.addStep(result.hosts().stream().map(h -> new HlogMerger.HostLog(h.hlog(), h.clockOffsetMillis())).toList(), step);
                hostLogs.addStep(result, step);
                result.deleteLogs();
                if (!server.isAlive()) {
                    throw new IOException("the server " + series.id() + " died during step " + step + ": read " + server.log());
                }
            }
            return reps;
        }

        List<String> loadArgs(List<String> stepArgs) {
            List<String> args = new ArrayList<>(List.of("--url", loadUrl.toString()));
            args.addAll(context.definition().load());
            args.addAll(series.load());
            args.addAll(stepArgs);
            return args;
        }
    }

    /** Each load host's own interval log of the series, {@code <series>.<host>.hlog}; none when the run keeps only the total. */
    private final class HostLogs implements AutoCloseable {
        private final Map<String, HlogMerger> byLabel = new LinkedHashMap<>();

        HostLogs(List<Host> hosts, long originMillis) throws IOException {
            try {
                for (Host host : hosts) {
                    byLabel.put(host.label(), new HlogMerger(context.folder().file(series.id() + "." + host.label() + ".hlog"), originMillis));
                }
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        void addStep(LoadGenerators.Result result, int step) throws IOException {
            for (LoadGenerators.HostResult h : result.hosts()) {
                HlogMerger log = byLabel.get(h.host().label());
                if (log != null) {
                    log.addStep(List.of(new HlogMerger.HostLog(h.hlog(), h.clockOffsetMillis())), step);
                }
            }
        }

        @Override
        public void close() {
            byLabel.values().forEach(HlogMerger::close);
        }
    }

    /** The value of {@code --users} in {@code args}, or null for an open-model step. */
    private static Integer users(List<String> args) {
        int at = args.lastIndexOf("--users");
        return at >= 0 && at + 1 < args.size() ? Integer.valueOf(args.get(at + 1)) : null;
    }

    /** A rate as the load flag takes it: 5375 rather than 5375.0. */
    private static String number(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    /**
     * The command as a user on any machine would type it from the repository root: {@code java} for
     * this JVM's binary (its home is in meta.json's {@code jdk}) and the jar relative to the root.
     */
    private String portable(List<String> command) {
        String root = context.root().toAbsolutePath().normalize() + "/";
        return String.join(" ", command).replace(ServerProcess.currentJava(), "java").replace(root, "");
    }

    /** The server answers /data with the workload's JSON and /metrics with Prometheus text, or the run stops. */
    private void verify(URI data, ServerProcess server) throws IOException, InterruptedException {
        String workload = "faithful";
        List<String> args = series.server();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--workload")) {
                workload = args.get(i + 1);
            }
        }
        String expected = new String(Workload.parse(workload).run(), StandardCharsets.UTF_8);
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(data).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().equals(expected)) {
            throw new IOException("the server " + series.id() + " answered GET /data with " + response.statusCode() + " '"
                    + response.body() + "', expected '" + expected + "': read " + server.log());
        }
        HttpResponse<String> metrics = CLIENT.send(HttpRequest.newBuilder(data.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            Prometheus.parse(metrics.body());
        } catch (IllegalArgumentException e) {
            throw new IOException("the server " + series.id() + " answered GET /metrics with something else than Prometheus text: "
                    + e.getMessage());
        }
    }

    /**
     * Lets the server finish what the last step left it (an overloaded step leaves requests queued
     * in its sockets) before the next step starts: waits until {@code /metrics} shows no request in
     * flight but the scrape itself, for at most 10 s, then half a second more.
     */
    private static void settle(URI data) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadlineNanos) {
            try {
                String text = CLIENT.send(HttpRequest.newBuilder(data.resolve("/metrics")).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                double inFlight = Prometheus.parse(text).stream()
                        .filter(s -> s.name().equals("server_requests_in_flight")).mapToDouble(Prometheus.Sample::value).sum();
                if (inFlight <= 1) {
                    break;
                }
            } catch (IOException | IllegalArgumentException e) {
                // A server that cannot answer yet: wait and ask again.
            }
            Thread.sleep(200);
        }
        Thread.sleep(500);
    }

    /** Whether the last repetition of a step ran out of local ports. */
    private static boolean ranOutOfPorts(List<Summary> reps) {
        return !reps.isEmpty() && reps.getLast().errors().getOrDefault(ErrorClass.NO_EPHEMERAL_PORT.label(), 0L) > 0;
    }

    /** Longest wait for a port after running out: TIME_WAIT holds a port 60 s on Linux. */
    private static final Duration PORTS_BACK_CAP = Duration.ofSeconds(90);

    /**
     * After a step that ran out of local ports: how long until a fresh connection from the same
     * address is answered (the Q&A thread's "all requests fail after the load test"). The generator
     * probes with the series' own load flags, one user for 1 s at a time, until a request is
     * answered; -1 when none was within {@link #PORTS_BACK_CAP}.
     */
    private long portsBackMillis(Steps steps) throws IOException, InterruptedException {
        context.progress("series " + series.id() + ": out of local ports; waiting for a fresh connection from the same address"
                + " (at most " + PORTS_BACK_CAP.toSeconds() + " s)");
        long startNanos = System.nanoTime();
        while (System.nanoTime() - startNanos < PORTS_BACK_CAP.toNanos()) {
            if (steps.generators.run(steps.loadArgs(List.of("--users", "1", "--duration", "1s")), false).total().responses() > 0) {
                return (System.nanoTime() - startNanos) / 1_000_000;
            }
        }
        return -1;
    }

    /**
     * How long after the last step ends a fresh GET /data first succeeds (the accept-loop storm may
     * leave a server deaf for a while, or for good); -1 if not within 30 s.
     */
    private static long recoveryMillis(URI data) throws InterruptedException {
        long startNanos = System.nanoTime();
        while (System.nanoTime() - startNanos < Duration.ofSeconds(30).toNanos()) {
            try {
                HttpResponse<Void> r = CLIENT.send(HttpRequest.newBuilder(data).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return (System.nanoTime() - startNanos) / 1_000_000;
                }
            } catch (IOException e) {
                // Not yet: try again.
            }
            Thread.sleep(100);
        }
        return -1;
    }
}
