package io.asyncworkbench.hardened;

import io.asyncworkbench.testing.StageProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.asyncworkbench.hardened.MetricsConnection.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 200 slowloris connections (a request line, then one header line every 500 ms, never the end of
 * the headers) beside a normal client, with {@code --header-timeout 3s}: the normal client is
 * served, the slow ones get 408 and are closed after 3 s, not before.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowlorisIT {

    private static final Path JAR = Path.of("target/accept-loop-hardened.jar");
    private static final int SLOW_CLIENTS = 200;

    @Test
    void shouldServeTheNormalClient_andCloseTheSlowOnesAfterTheHeaderTimeout_whenSlowlorisAttacks() throws Exception {
        try (StageProcess server = StageProcess.start(JAR, "--header-timeout", "3s")) {
            List<Socket> slow = new ArrayList<>();
            List<Long> connectedNanos = new ArrayList<>();
            AtomicBoolean dribbling = new AtomicBoolean(true);
            try {
                long startedConnecting = System.nanoTime();
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    Socket socket = new Socket("127.0.0.1", server.port());
                    socket.getOutputStream().write("GET /data HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                    slow.add(socket);
                    connectedNanos.add(System.nanoTime());
                }
                for (Socket socket : slow.subList(0, 10)) {
                    socket.setSoTimeout(10);
                    assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read(),
                            "a slow client is neither answered nor closed before the header timeout");
                }
                Thread dribbler = Thread.ofVirtual().start(() -> dribble(slow, connectedNanos, dribbling));

                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                for (int i = 0; i < 5; i++) {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/data"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, response.statusCode(), "the normal client is served beside 200 slow ones");
                }

                Long firstClosedMillis = null;
                for (Socket socket : slow) {
                    socket.setSoTimeout(10_000);
                    String reply = readUntilClosed(socket.getInputStream());
                    assertTrue(reply.startsWith("HTTP/1.1 408 Request Timeout\r\n"), reply);
                    if (firstClosedMillis == null) {
                        firstClosedMillis = (System.nanoTime() - startedConnecting) / 1_000_000;
                    }
                }
                assertTrue(firstClosedMillis >= 2900, "the first slow client was closed after " + firstClosedMillis + " ms");
                dribbling.set(false);
                dribbler.join();
            } finally {
                dribbling.set(false);
                for (Socket socket : slow) {
                    socket.close();
                }
            }
            try (MetricsConnection metrics = new MetricsConnection(server.port())) {
                assertEquals(SLOW_CLIENTS, value(metrics.scrape(), "server_header_timeouts_total"));
            }
        }
    }

    /**
     * One more header line to every slow connection each 500 ms, for the first 2 s of each: a
     * write after the server's 408 and close would draw a reset that can discard the 408 unread.
     */
    private static void dribble(List<Socket> slow, List<Long> connectedNanos, AtomicBoolean dribbling) {
        for (int round = 0; round < 10 && dribbling.get(); round++) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < slow.size(); i++) {
                if (System.nanoTime() - connectedNanos.get(i) > TimeUnit.SECONDS.toNanos(2)) {
                    continue;
                }
                try {
                    slow.get(i).getOutputStream().write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedByServer) {
                    // Expected once the header timeout has passed.
                }
            }
        }
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException reset) {
            return "reset: " + reset.getMessage();
        }
    }
}
