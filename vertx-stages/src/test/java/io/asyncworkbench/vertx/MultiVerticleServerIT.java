package io.asyncworkbench.vertx;

import io.asyncworkbench.testing.ListeningSockets;
import io.asyncworkbench.testing.StageProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Vert.x stage 2 keeps the shared contract with two loops and {@code --reuseport}; both ways of
 * listening spread 200 keep-alive connections over both loops, and one loop shows one label.
 */
class MultiVerticleServerIT extends VertxStageContractIT {

    private static final Pattern ACCEPTED = Pattern.compile("server_connections_accepted_total\\{thread=\"([^\"]+)\"} (\\d+)");
    private static final int CONNECTIONS = 200;

    MultiVerticleServerIT() {
        super(MultiVerticleServer.STAGE, "multi", "--threads", "2", "--reuseport");
    }

    @Test
    void reusePort_shouldSpreadKeepAliveConnectionsOverBothLoops_eachWithItsOwnSocket() throws Exception {
        assertTrue(server.startupLine().endsWith(" threads=2"), server.startupLine());
        assertEquals(2, ListeningSockets.count(server.port()));
        Map<String, Long> before = acceptedByLoop(server);
        Map<String, Long> after = acceptedAfterKeepAliveConnections(server);
        assertEquals(List.of("loop-0", "loop-1"), after.keySet().stream().sorted().toList(), after.toString());
        long total = 0;
        for (String loop : after.keySet()) {
            long accepted = after.get(loop) - before.getOrDefault(loop, 0L);
            assertTrue(accepted > 0, "no connection reached " + loop + ": before " + before + ", after " + after);
            total += accepted;
        }
        assertTrue(total >= CONNECTIONS, "every connection is counted: " + total);
    }

    @Test
    void sharedSocket_shouldHandConnectionsToBothLoops_fromOneSocket() throws Exception {
        try (StageProcess shared = StageProcess.start(JAR, "multi", "--threads", "2")) {
            assertEquals(1, ListeningSockets.count(shared.port()));
            Map<String, Long> accepted = acceptedAfterKeepAliveConnections(shared);
            assertEquals(2, accepted.size(), accepted.toString());
            accepted.forEach((loop, count) -> assertTrue(count >= CONNECTIONS / 2 - 5, "round-robin, about half each: " + accepted));
        }
    }

    @Test
    void oneThread_shouldShowOneLoopLabel() throws Exception {
        try (StageProcess one = StageProcess.start(JAR, "multi", "--threads", "1", "--reuseport")) {
            assertTrue(one.startupLine().endsWith(" threads=1"), one.startupLine());
            Map<String, Long> accepted = acceptedAfterKeepAliveConnections(one);
            assertEquals(Map.of("loop-0", (long) CONNECTIONS + 1), accepted);
        }
    }

    /**
     * Opens {@value #CONNECTIONS} connections and keeps them open, each answered one {@code GET /data},
     * then reads connections accepted per loop from {@code /metrics} (on one more connection).
     */
    private static Map<String, Long> acceptedAfterKeepAliveConnections(StageProcess target) throws IOException {
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket socket = new Socket("127.0.0.1", target.port());
                open.add(socket);
                assertTrue(exchange(socket, "/data").startsWith("HTTP/1.1 200 "));
            }
            return acceptedByLoop(target);
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    /** Connections accepted per loop label, from {@code /metrics} read on a connection of its own. */
    private static Map<String, Long> acceptedByLoop(StageProcess target) throws IOException {
        try (Socket scrape = new Socket("127.0.0.1", target.port())) {
            return exchange(scrape, "/metrics").lines().map(ACCEPTED::matcher).filter(Matcher::matches)
                    .collect(Collectors.toMap(m -> m.group(1), m -> Long.parseLong(m.group(2))));
        }
    }

    /** One keep-alive request; reads the response up to the end of its body (by Content-Length). */
    private static String exchange(Socket socket, String path) throws IOException {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[65536];
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                return text.toString();
            }
            text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            int head = text.indexOf("\r\n\r\n");
            Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(text);
            if (head > 0 && length.find() && text.length() >= head + 4 + Integer.parseInt(length.group(1))) {
                return text.toString();
            }
        }
    }
}
