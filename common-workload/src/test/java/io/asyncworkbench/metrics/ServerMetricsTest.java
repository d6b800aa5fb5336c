package io.asyncworkbench.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.TimeUnit;
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
        for (int i = 1; i <= 100; i++) {
            loop.onRequestStarted();
            loop.onRequestFinished(200, i * 1_000_000L);
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
    void labels_shouldBeEscaped() {
        PrometheusText out = new PrometheusText();
        out.sample("x", 1, "a", "say \"hi\"\\\n");
        assertEquals("x{a=\"say \\\"hi\\\"\\\\\\n\"} 1\n", out.toString());
    }

    private static double quantile(String text, String q) {
        String prefix = "server_request_service_seconds{thread=\"loop-0\",quantile=\"" + q + "\"} ";
        return text.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()))).findFirst().orElseThrow();
    }
}
