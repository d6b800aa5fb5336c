package io.asyncworkbench.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every server jar keeps (DESIGN.md, "Every server jar"), checked over loopback
 * against the real jar as a child process. A stage's test extends this and names its jar:
 *
 * <pre>{@code
 * class SingleThreadServerIT extends StageContractIT {
 *     SingleThreadServerIT() { super(Path.of("target/minimal-single-thread.jar"), "minimal-single-thread"); }
 * }
 * }</pre>
 *
 * It keeps {@link ConformanceContract} too: the HTTP/1.1 corpus, HEAD, OPTIONS, SIGTERM in flight.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class StageContractIT implements ConformanceContract {

    protected static final String JSON = "{\"street\":\"10 Downing Street\",\"city\":\"Value: 99\"}";
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*})? (NaN|[-+]?[0-9.]+([eE][-+]?[0-9]+)?)");

    private final Path jar;
    private final String stage;
    private final String[] args;
    protected StageProcess server;
    protected HttpClient client;

    protected StageContractIT(Path jar, String stage, String... args) {
        this.jar = jar;
        this.stage = stage;
        this.args = args;
    }

    @BeforeAll
    void startServer() throws Exception {
        server = StageProcess.start(jar, args);
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void startupLine_shouldNameTheStageAndTheRealPort() {
        assertTrue(server.startupLine().contains(" stage=" + stage + " "), server.startupLine());
        assertTrue(server.port() > 0);
    }

    @Test
    void getData_shouldAnswerTheWorkloadsJson() throws Exception {
        HttpResponse<String> response = get("/data");
        assertEquals(200, response.statusCode());
        assertEquals(JSON, response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        assertEquals(String.valueOf(JSON.length()), response.headers().firstValue("content-length").orElseThrow());
    }

    @Test
    void connectionClose_shouldCloseAfterTheResponse() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/data"))
                .header("Connection", "close").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("close", response.headers().firstValue("connection").orElseThrow());
        try (RawHttp raw = new RawHttp(server.port(), 5000)) {
            RawHttp.Reply reply = raw.send("GET /data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readAll();
            assertEquals(List.of(200), reply.statuses());
            assertTrue(reply.closedByServer());
        }
    }

    @Test
    void keepAlive_shouldServeSeveralRequestsOnOneConnection() throws Exception {
        try (RawHttp raw = new RawHttp(server.port(), 1000)) {
            RawHttp.Reply reply = raw.send("GET /data HTTP/1.1\r\nHost: x\r\n\r\nGET /data HTTP/1.1\r\nHost: x\r\n\r\n").readAll();
            assertEquals(List.of(200, 200), reply.statuses());
            assertFalse(reply.closedByServer(), "keep-alive connection closed");
        }
    }

    @Test
    void requestInSingleBytes_shouldBeAnswered() throws Exception {
        try (RawHttp raw = new RawHttp(server.port(), 5000)) {
            for (char c : "GET /data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".toCharArray()) {
                raw.send(String.valueOf(c));
            }
            RawHttp.Reply reply = raw.readAll();
            assertEquals(List.of(200), reply.statuses());
            assertTrue(reply.text().endsWith(JSON), reply.text());
        }
    }

    @Test
    void unknownPathAndWrongMethod_shouldGet404And405() throws Exception {
        assertEquals(404, get("/nope").statusCode());
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(server.uri("/data"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD, OPTIONS", post.headers().firstValue("allow").orElseThrow());
    }

    @Test
    void badInput_shouldGetTheRightStatus_andACloseConnection() throws Exception {
        assertRejected("this is not http\r\n\r\n", 400);
        assertRejected("GET /data HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n", 431);
        assertRejected("POST /data HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n", 413);
        assertEquals(200, get("/data").statusCode(), "the server must survive bad input");
    }

    @Test
    void metrics_shouldBePrometheusText_andCountConnections() throws Exception {
        for (int i = 0; i < 3; i++) {
            client.send(HttpRequest.newBuilder(server.uri("/data")).header("Connection", "close").build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        for (String line : metrics.body().split("\n")) {
            assertTrue(line.startsWith("# ") || SAMPLE.matcher(line).matches(), "not Prometheus text: " + line);
        }
        assertTrue(sum(metrics.body(), "server_connections_accepted_total") >= 3, metrics.body());
        assertTrue(sum(metrics.body(), "server_connections_finished_total") >= 3, metrics.body());
        assertTrue(metrics.body().contains("status=\"200\""), metrics.body());
    }

    /**
     * {@code java -jar JAR ARGS --port abc}: the stage's own arguments first, so that a jar whose
     * servers are subcommands ({@code vertx-stages single --port abc}) answers as the stage.
     */
    @Test
    void badFlag_shouldPrintOneLine_andExitNonZero() throws Exception {
        for (String[] bad : List.of(new String[] {"--port", "abc"}, new String[] {"--workload", "nope"}, new String[] {"--no-such-flag"})) {
            List<String> command = new java.util.ArrayList<>(List.of(StageProcess.java(), "-jar", jar.toString()));
            command.addAll(List.of(args));
            command.addAll(List.of(bad));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).strip();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertTrue(process.exitValue() != 0, "exit status for " + String.join(" ", bad));
            assertEquals(1, output.lines().count(), output);
            assertTrue(output.startsWith(stage + ": "), output);
        }
    }

    @Test
    void sigterm_shouldExitZero() throws Exception {
        try (StageProcess other = StageProcess.start(jar, args)) {
            assertEquals(200, client.send(HttpRequest.newBuilder(other.uri("/data")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(0, other.terminate(Duration.ofSeconds(15)));
        }
    }

    @Override
    public StageProcess server() {
        return server;
    }

    @Override
    public StageProcess startAnother() throws IOException, InterruptedException {
        return StageProcess.start(jar, args);
    }

    @Override
    public HttpClient client() {
        return client;
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertRejected(String request, int status) throws IOException {
        try (RawHttp raw = new RawHttp(server.port(), 5000)) {
            RawHttp.Reply reply = raw.send(request).readAll();
            assertEquals(List.of(status), reply.statuses(), reply.text());
            assertTrue(reply.closedByServer(), "connection left open after " + status);
        }
    }

    /**
     * Sends {@code connections} requests, each on a new connection ({@code Connection: close}), and
     * returns how many threads {@code /metrics} says accepted connections: 1 for a one-loop stage.
     */
    protected long threadsThatAccepted(int connections) throws IOException, InterruptedException {
        for (int i = 0; i < connections; i++) {
            client.send(HttpRequest.newBuilder(server.uri("/data")).header("Connection", "close").build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        return get("/metrics").body().lines().filter(l -> l.startsWith("server_connections_accepted_total{")).count();
    }

    /** Sums every sample of {@code name} over its labels. */
    protected static double sum(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
