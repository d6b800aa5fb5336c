package io.asyncworkbench.experiment;

import io.asyncworkbench.experiment.ExperimentDefinition.Series;
import io.asyncworkbench.load.LoadSteps;
import io.asyncworkbench.load.Summary;
import io.asyncworkbench.server.ServerProcess;
import io.asyncworkbench.workload.Workload;

import java.io.IOException;
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
import java.util.Map;

/**
 * One series of an experiment: start its server (placed, with its fd limit), verify it answers
 * {@code /data} with the expected JSON and {@code /metrics} with Prometheus text, warm both sides
 * up, run the measured steps while sampling the server's metrics, check it still answers (and how
 * long that took), and stop it. The server is stopped whatever happens.
 */
final class SeriesRun {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ExperimentRunner.Context context;
    private final Series series;

    SeriesRun(ExperimentRunner.Context context, Series series) {
        this.context = context;
        this.series = series;
    }

    /** Runs the series; appends its rows to {@code steps} and returns what meta.json records of it. */
    Map<String, Object> run(Writer steps, Writer metrics) throws Exception {
        Path jar = context.root().resolve(series.stage()).resolve("target").resolve(series.stage() + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException("the server jar " + jar + " is missing: build it with ./workbench build");
        }
        List<String> command = new ArrayList<>(context.placement().serverPrefix(series.fdLimit()));
        command.add(ServerProcess.currentJava());
        command.addAll(context.jvmFlags());
        command.addAll(List.of("-jar", jar.toString(), "--host", "127.0.0.1", "--port", "0"));
        command.addAll(series.server());
        Path log = context.folder().file(series.id() + ".server.log");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", series.id());
        record.put("label", series.label());
        record.put("stage", series.stage());
        if (series.group() != null) {
            record.put("group", series.group());
        }
        record.put("serverArgs", series.server());
        record.put("loadArgs", series.load());
        record.put("fdLimit", series.fdLimit());
        record.put("serverCommand", portable(command));
        try (ServerProcess server = ServerProcess.start(command, log, Duration.ofSeconds(30))) {
            record.put("startupLine", server.startupLine());
            URI url = URI.create("http://127.0.0.1:" + server.port() + "/data");
            verify(url, server);
            if (!context.definition().warmup().isEmpty()) {
                context.progress("series " + series.id() + ": warm-up " + String.join(" ", context.definition().warmup()));
                LoadSteps.run(loadArgs(url, context.definition().warmup(), null), context.log());
                settle(url);
            }
            long originNanos = System.nanoTime();
            long originMillis = System.currentTimeMillis();
            try (HlogMerger hlog = new HlogMerger(context.folder().file(series.id() + ".hlog"), originMillis);
                 MetricsScraper scraper = new MetricsScraper(series.id(), server.port(), server.pid(), originNanos, metrics)) {
                List<String> values = context.profile().values();
                for (int i = 0; i < values.size(); i++) {
                    context.progress("series " + series.id() + ": step " + (i + 1) + "/" + values.size() + ": "
                            + context.profile().vary() + " " + values.get(i) + context.eta().left(System.nanoTime()));
                    Path stepLog = context.folder().file(".step.hlog");
                    List<String> stepArgs = new ArrayList<>(context.profile().each());
                    stepArgs.addAll(List.of(context.profile().vary(), values.get(i)));
                    Summary summary = LoadSteps.run(loadArgs(url, stepArgs, stepLog), context.log());
                    if (i == 0) {
                        record.put("firstStepP99Millis", summary.latency().p99Ms());
                    }
                    context.eta().stepDone();
                    steps.write(StepsCsv.row(series.id(), i + 1, summary));
                    steps.flush();
                    hlog.addStep(stepLog, i + 1);
                    Files.deleteIfExists(stepLog);
                    if (!server.isAlive()) {
                        throw new IOException("the server " + series.id() + " died during step " + (i + 1) + ": read " + log);
                    }
                    settle(url);
                }
                record.put("recoveryMillis", recoveryMillis(url));
            }
            record.put("exitStatus", server.stop(Duration.ofSeconds(15)));
        }
        return record;
    }

    /**
     * The command as a user on any machine would type it from the repository root: {@code java} for
     * this JVM's binary (its home is in meta.json's {@code jdk}) and the jar relative to the root.
     */
    private String portable(List<String> command) {
        String root = context.root().toAbsolutePath().normalize() + "/";
        return String.join(" ", command).replace(ServerProcess.currentJava(), "java").replace(root, "");
    }

    private List<String> loadArgs(URI url, List<String> stepArgs, Path hlog) {
        List<String> args = new ArrayList<>(List.of("--url", url.toString()));
        args.addAll(context.definition().load());
        args.addAll(series.load());
        args.addAll(stepArgs);
        if (hlog != null) {
            args.addAll(List.of("--hlog", hlog.toString()));
        }
        return args;
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
     * Lets the server finish what a step left it (an overloaded step leaves requests queued in
     * its sockets) before the next step starts: waits until {@code /metrics} shows no request in
     * flight but the scrape itself, for at most 10 s, then one more second.
     */
    private static void settle(URI data) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
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
        Thread.sleep(1000);
    }

    /** How long after the last step GET /data first succeeds (the accept-loop storm may leave it wedged); -1 if not within 30 s. */
    private static long recoveryMillis(URI data) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < Duration.ofSeconds(30).toNanos()) {
            try {
                HttpResponse<Void> r = CLIENT.send(HttpRequest.newBuilder(data).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
            } catch (IOException e) {
                // Not yet: try again.
            }
            Thread.sleep(100);
        }
        return -1;
    }
}
