package io.asyncworkbench.experiment;

import io.asyncworkbench.experiment.Prometheus.Sample;

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
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a server once a second while a series runs: every sample of its {@code /metrics}, plus
 * its CPU time and open file descriptors from {@code /proc/<pid>/} and the connections waiting in
 * its port's accept queue ({@link ListenQueue}), appended to {@code server-metrics.csv} as
 * {@code series,t_s,name,labels,value}.
 *
 * <p>{@code t_s} counts from the origin given to {@link #record} (the start of the series' first
 * measured step, the origin of its {@code .hlog}), so client latency and server counters share one
 * time axis. Sampling starts with the warm-up, unrecorded: the scraper shares the server's CPU, and
 * its code is compiled by the time the first step is measured (measured: a scraper started with the
 * first step put that step's p99 at 76-141 ms against 7-22 ms for the next ones). The
 * scrape uses its own client and connection, with a short timeout: a server that cannot accept
 * (the accept-loop storm) loses its {@code /metrics} samples for that second, never the
 * {@code /proc} ones, and the miss is counted as {@code scrape_failed 1}.
 */
public final class MetricsScraper implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    private final String series;
    private final int port;
    private final boolean listenQueue;
    private final URI metrics;
    private final long pid;
    private volatile long originNanos;
    private volatile boolean recording;
    private final Writer out;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "metrics-scraper");
        t.setDaemon(true);
        return t;
    });

    /**
     * Starts sampling now, not yet recording; {@code out} is shared by the run and already has the
     * header; {@code listenQueue} adds the port's accept queue ({@link ListenQueue}, costly: see
     * {@link ExperimentDefinition#samplesListenQueue()}).
     */
    public MetricsScraper(String series, String host, int port, long pid, boolean listenQueue, Writer out) {
        this.series = series;
        this.port = port;
        this.listenQueue = listenQueue;
        this.metrics = URI.create("http://" + host + ":" + port + "/metrics");
        this.pid = pid;
        this.out = out;
        timer.scheduleAtFixedRate(this::sampleQuietly, 0, 1, TimeUnit.SECONDS);
    }

    /** From now on the samples are written, their times counted from {@code originNanos}. */
    public void record(long originNanos) {
        this.originNanos = originNanos;
        this.recording = true;
    }

    /** The CSV header of {@code server-metrics.csv}. */
    public static String header() {
        return "series,t_s,name,labels,value\n";
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (IOException | RuntimeException e) {
            // A sample lost is recorded by its absence; the run goes on.
        }
    }

    private void sample() throws IOException {
        // Read once: a sample that began before record() must not be written with the new origin.
        boolean recordingNow = recording;
        double t = (System.nanoTime() - originNanos) / 1e9;
        StringBuilder rows = new StringBuilder();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(metrics).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (Sample s : Prometheus.parse(response.body())) {
                row(rows, t, s.name(), s.labels(), s.value());
            }
        } catch (IOException | IllegalArgumentException e) {
            row(rows, t, "scrape_failed", "", 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        double cpu = processCpuSeconds(pid);
        if (cpu >= 0) {
            row(rows, t, "process_cpu_seconds_total", "", cpu);
        }
        long fds = openFds(pid);
        if (fds >= 0) {
            row(rows, t, "process_open_fds", "", fds);
        }
        long waiting = listenQueue ? ListenQueue.depth(port) : -1;
        if (waiting >= 0) {
            row(rows, t, "listen_queue", "", waiting);
        }
        if (!recordingNow) {
            return;
        }
        synchronized (out) {
            out.write(rows.toString());
            out.flush();
        }
    }

    private void row(StringBuilder rows, double t, String name, String labels, double value) {
        rows.append(series).append(',').append(String.format(Locale.ROOT, "%.3f", t)).append(',').append(name).append(',')
                .append(labels.contains(",") ? '"' + labels + '"' : labels).append(',').append(format(value)).append('\n');
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** User plus system CPU time of {@code pid}, from {@code /proc/<pid>/stat}; -1 if unreadable. */
    public static double processCpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** How many file descriptors {@code pid} holds open; -1 if unreadable. */
    public static long openFds(long pid) {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
