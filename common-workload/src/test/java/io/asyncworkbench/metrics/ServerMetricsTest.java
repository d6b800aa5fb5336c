package io.asyncworkbench.metrics;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ServerMetricsTest {

    /** A sample line of the Prometheus text format: {@code name{labels} value}. */
    public static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*})? (NaN|[-+]?[0-9.]+([eE][-+]?[0-9]+)?)");

    @Test
    void render_shouldWriteValidPrometheusText_withAThreadLabel() {
        ServerMetrics metrics = new ServerMetrics(Map.of("stage", "test"));
        ThreadMetrics loop = metrics.forThread("loop-0");
        loop.onConnectionAccepted();
        loop.onConnectionAccepted();
        loop.onConnectionFinished();
        loop.onRequestStarted();
        loop.onRequestFinished(200, 1_000_000);
        metrics.accept().onAcceptError("EMFILE");
        metrics.register(out -> out.family("stage_queue_depth", "gauge", "A stage's own metric.").sample("stage_queue_depth", 3));

        String text = metrics.render();

        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ") || SAMPLE.matcher(line).matches(), "not exposition format: " + line);
        }
        assertTrue(text.contains("server_connections_accepted_total{thread=\"loop-0\"} 2\n"), text);
        assertTrue(text.contains("server_connections_finished_total{thread=\"loop-0\"} 1\n"), text);
        assertTrue(text.contains("server_connections_active{thread=\"loop-0\"} 1\n"), text);
        assertTrue(text.contains("server_requests_total{thread=\"loop-0\",status=\"200\"} 1\n"), text);
        assertTrue(text.contains("server_request_service_seconds_count{thread=\"loop-0\"} 1\n"), text);
        assertTrue(text.contains("server_accept_errors_total{kind=\"EMFILE\"} 1\n"), text);
        assertTrue(text.contains("stage_queue_depth 3\n"), text);
    }

    @Test
    void serviceTimeQuantiles_shouldComeFromTheHistogram() {
        ServerMetrics metrics = new ServerMetrics(Map.of());
        ThreadMetrics loop = metrics.forThread("loop-0");
        for (int ms = 1; ms <= 100; ms++) {
            served(loop, ms * 1_000_000L);
        }
        String text = metrics.render();
        double p50 = quantile(text, "0.5");
        double p99 = quantile(text, "0.99");
        assertEquals(0.050, p50, 0.0005);
        assertEquals(0.099, p99, 0.0005);
        assertEquals(0, metrics.requestsInFlight());
    }

    @Test
    void sharedMetrics_shouldCountEveryUpdate_whenManyThreadsWrite() throws Exception {
        ServerMetrics metrics = ServerMetrics.sharedByAllThreads(Map.of(), "all");
        Thread[] writers = new Thread[4];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = new Thread(() -> {
                ThreadMetrics mine = metrics.forCurrentThread();
                for (int n = 0; n < 50_000; n++) {
                    mine.onRequestStarted();
                    mine.onRequestFinished(200, 1000);
                }
            });
            writers[i].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        assertEquals(1, metrics.threads().size());
        assertEquals(200_000, metrics.threads().get(0).requests(200));
        assertEquals(0, metrics.requestsInFlight());
        assertTrue(metrics.render().contains("server_request_service_seconds_count{thread=\"all\"} 200000\n"));
    }

    @Test
    void render_shouldWriteTheGoldenText() throws Exception {
        ServerMetrics metrics = new ServerMetrics(Map.of("stage", "golden", "threads", "2"));
        ThreadMetrics loop0 = metrics.forThread("loop-0");
        ThreadMetrics loop1 = metrics.forThread("loop-1");
        loop0.onConnectionAccepted();
        loop0.onConnectionAccepted();
        loop0.onConnectionFinished();
        loop1.onConnectionAccepted();
        for (int ms = 1; ms <= 3; ms++) {
            served(loop0, ms * 1_000_000L);
        }
        loop0.onRequestStarted();
        loop0.onRequestFinished(404, 50_000);
        loop1.onRequestStarted();
        loop1.onRequestAbandoned();
        loop1.onRequestStarted();
        metrics.accept().onAcceptError("EMFILE");
        metrics.accept().onAcceptError("EMFILE");
        metrics.accept().onAcceptError("ECONNABORTED");
        metrics.accept().onAcceptPaused();
        WorkerPoolMetrics pool = new WorkerPoolMetrics(2, 8, () -> 1);
        pool.onStarted(TimeUnit.MILLISECONDS.toNanos(10));
        pool.onFinished(TimeUnit.MILLISECONDS.toNanos(4), true);
        pool.onStarted(TimeUnit.MILLISECONDS.toNanos(20));
        pool.onRejected();
        metrics.register(pool);

        String golden = Files.readString(Path.of(ServerMetricsTest.class.getResource("/metrics/golden.prom").toURI()));
        assertEquals(golden, metrics.render());
    }

    @Test
    void render_shouldCountEachServiceTimeOnce_andTakeTheMaxFromTheSameValues_whenScrapedAgain() {
        ServerMetrics metrics = new ServerMetrics(Map.of());
        ThreadMetrics loop = metrics.forThread("loop-0");
        for (int ms = 1; ms <= 100; ms++) {
            served(loop, ms * 1_000_000L);
        }
        String first = metrics.render();
        served(loop, 200_000_000L);
        String second = metrics.render();
        String third = metrics.render();

        assertEquals(100, serviceCount(first));
        assertEquals(maxSeconds(100_000_000L), serviceMax(first));
        assertEquals(101, serviceCount(second));
        assertEquals(maxSeconds(200_000_000L), serviceMax(second));
        assertEquals(second, third, "a scrape with nothing new recorded says the same");
    }

    @Test
    void render_shouldNeitherLoseNorDoubleCount_whenTwoThreadsScrapeWhileALoopRecords() throws Exception {
        ServerMetrics metrics = new ServerMetrics(Map.of());
        ThreadMetrics loop = metrics.forThread("loop-0");
        AtomicBoolean recording = new AtomicBoolean(true);
        CountDownLatch scraping = new CountDownLatch(2);
        // This thread records 1 µs, 2 µs, 3 µs, ... in order, so a scrape that counts n values must say n µs is the max.
        Callable<Integer> scraper = () -> {
            scraping.countDown();
            long lastCount = 0;
            int scrapes = 0;
            do {
                String text = metrics.render();
                long count = serviceCount(text);
                assertTrue(count >= lastCount, "count went down from " + lastCount + " to " + count);
                assertEquals(count == 0 ? 0.0 : maxSeconds(count * 1000), serviceMax(text), "max of a scrape that counted " + count);
                lastCount = count;
                scrapes++;
            } while (recording.get());
            return scrapes;
        };
        ExecutorService scrapers = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = scrapers.submit(scraper);
            Future<Integer> b = scrapers.submit(scraper);
            assertTrue(scraping.await(10, TimeUnit.SECONDS), "both scrapers started");
            int values = 200_000;
            for (int i = 1; i <= values; i++) {
                served(loop, i * 1000L);
            }
            recording.set(false);
            assertTrue(a.get(10, TimeUnit.SECONDS) > 0);
            assertTrue(b.get(10, TimeUnit.SECONDS) > 0);

            String last = metrics.render();
            assertEquals(values, serviceCount(last));
            assertEquals(maxSeconds(values * 1000L), serviceMax(last));
        } finally {
            scrapers.shutdownNow();
        }
    }

    @Test
    void labels_shouldBeEscaped() {
        PrometheusText out = new PrometheusText();
        out.sample("x", 1, "a", "say \"hi\"\\\n");
        assertEquals("x{a=\"say \\\"hi\\\"\\\\\\n\"} 1\n", out.toString());
    }

    /** One request answered 200 after {@code serviceNanos}. */
    private static void served(ThreadMetrics loop, long serviceNanos) {
        loop.onRequestStarted();
        loop.onRequestFinished(200, serviceNanos);
    }

    /** What {@code _max_seconds} says after recording {@code nanos}: HdrHistogram's highest value equivalent to it. */
    private static double maxSeconds(long nanos) {
        Histogram h = new Histogram(1, DurationSummary.MAX_TRACKED_NANOS, 3);
        h.recordValue(nanos);
        return h.getMaxValue() / 1e9;
    }

    private static long serviceCount(String text) {
        return (long) value(text, "server_request_service_seconds_count{thread=\"loop-0\"} ");
    }

    private static double serviceMax(String text) {
        return value(text, "server_request_service_max_seconds{thread=\"loop-0\"} ");
    }

    private static double value(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()))).findFirst().orElseThrow();
    }

    private static double quantile(String text, String q) {
        return value(text, "server_request_service_seconds{thread=\"loop-0\",quantile=\"" + q + "\"} ");
    }
}
