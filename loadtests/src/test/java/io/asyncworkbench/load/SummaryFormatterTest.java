package io.asyncworkbench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SummaryFormatterTest {

    static Summary sample() {
        Map<String, Long> errors = new LinkedHashMap<>();
        errors.put("refused", 12L);
        errors.put("read timeout", 3L);
        return new Summary("workbench load --url http://127.0.0.1:8080/data --rate 1000 --duration 3s",
                "2026-01-01T00:00:00Z", "2026-01-01T00:00:03.500Z",
                "http://127.0.0.1:8080/data", "GET", "open model, 1,000.0 req/s", "epoll", 1, 100, false, false, 1000.0,
                0, 3.0, 3000, 2985, 2950, 15, 995.0,
                new Summary.Latency(2985, 0.25, 0.212, 0.301, 0.64, 1.02, 1.31),
                new Summary.Latency(2985, 0.2, 0.198, 0.28, 0.59, 0.95, 1.2),
                new Summary.Latency(3000, 0.02, 0.011, 0.03, 0.052, 0.2, 0.31),
                2, 3, 0, errors, Map.of("500", 35L), null, 0, new Summary.Cpu(2, 12.5, 20.0, 0.4, 7),
                List.of("something to know"), false);
    }

    @Test
    void shouldPrintTheGoldenSummary() throws Exception {
        try (InputStream golden = getClass().getResourceAsStream("/summary-golden.txt")) {
            assertEquals(new String(golden.readAllBytes(), StandardCharsets.UTF_8), SummaryFormatter.format(sample()));
        }
    }

    @Test
    void shouldSayNone_whenNothingFailed() {
        Summary s = sample();
        Summary clean = new Summary(s.command(), s.startTime(), s.endTime(), s.url(), s.method(), s.model(), s.transport(),
                s.threads(), s.maxConnections(), s.connectionClose(), s.clientClose(), s.targetRate(), s.warmupSeconds(), s.windowSeconds(),
                s.requests(), s.responses(), s.responses2xx(), 0, s.achievedRate(), s.latency(), s.uncorrectedLatency(),
                s.sendLag(), s.connectionsOpened(), s.peakOpenConnections(), 0, Map.of(), Map.of(), null, 0, s.cpu(), List.of(), false);

        String text = SummaryFormatter.format(clean);
        assertEquals(1, text.lines().filter(l -> l.equals("errors         none")).count(), text);
        assertEquals(0, text.lines().filter(l -> l.startsWith("warning")).count(), text);
    }

    @Test
    void shouldRoundTripThroughJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertEquals(sample(), mapper.readValue(mapper.writeValueAsBytes(sample()), Summary.class));
    }
}
