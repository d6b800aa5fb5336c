package io.asyncworkbench.reuseport;

import io.asyncworkbench.testing.ListeningSockets;
import io.asyncworkbench.testing.RawHttp;
import io.asyncworkbench.testing.StageContractIT;
import io.asyncworkbench.testing.StageProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stage 2 keeps the shared contract with two threads; the kernel spreads fresh connections over
 * both, because each thread has its own listening socket on the port.
 */
class ReusePortServerIT extends StageContractIT {

    private static final Path JAR = Path.of("target/reuseport-multi-thread.jar");
    private static final Pattern ACCEPTED = Pattern.compile("server_connections_accepted_total\\{thread=\"([^\"]+)\"} (\\d+)");
    private static final int CONNECTIONS = 200;

    ReusePortServerIT() {
        super(JAR, ReusePortServer.STAGE, "--threads", "2");
    }

    @Test
    void freshConnections_shouldBeSpreadOverBothThreads() throws Exception {
        Map<String, Long> before = acceptedByThread(get("/metrics").body());
        for (int i = 0; i < CONNECTIONS; i++) {
            try (RawHttp raw = new RawHttp(server.port(), 5000)) {
                assertEquals(List.of(200), raw.send("GET /data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readAll().statuses());
            }
        }
        Map<String, Long> after = acceptedByThread(get("/metrics").body());
        assertTrue(server.startupLine().endsWith(" threads=2"), server.startupLine());
        assertEquals(List.of("loop-0", "loop-1"), after.keySet().stream().sorted().toList(), after.toString());
        long total = 0;
        for (String thread : after.keySet()) {
            long accepted = after.get(thread) - before.getOrDefault(thread, 0L);
            assertTrue(accepted > 0, "no connection reached " + thread + ": " + after);
            total += accepted;
        }
        assertTrue(total >= CONNECTIONS, "every connection is counted: " + total);
    }

    @Test
    void eachThread_shouldHaveItsOwnListeningSocket_onTheOnePort() throws IOException {
        assertEquals(2, ListeningSockets.count(server.port()));
    }

    @Test
    void noReusePort_shouldListenOnOneSocket_andStillServeOnAllLoops() throws Exception {
        try (StageProcess shared = StageProcess.start(JAR, "--threads", "2", "--no-reuseport")) {
            assertEquals(1, ListeningSockets.count(shared.port()));
            for (int i = 0; i < 4; i++) {
                try (RawHttp raw = new RawHttp(shared.port(), 5000)) {
                    raw.send("GET /data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readAll();
                }
            }
            try (RawHttp raw = new RawHttp(shared.port(), 5000)) {
                String metrics = raw.send("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readAll().text();
                // Netty hands accepted connections round-robin to the loops: both serve, one accepts.
                assertEquals(2, acceptedByThread(metrics).size(), metrics);
            }
        }
    }

    private static Map<String, Long> acceptedByThread(String metrics) {
        return metrics.lines().map(ACCEPTED::matcher).filter(Matcher::matches)
                .collect(Collectors.toMap(m -> m.group(1), m -> Long.parseLong(m.group(2))));
    }
}
