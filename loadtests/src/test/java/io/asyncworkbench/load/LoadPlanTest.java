package io.asyncworkbench.load;

import io.asyncworkbench.transport.Transport;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The request's bytes, encoded once for the whole run: exactly what Netty's encoder writes. */
class LoadPlanTest {

    @Test
    void shouldEncodeTheTargetHostAndHeaders_whenTheRequestIsAGet() {
        assertEquals("GET /data?n=1 HTTP/1.1\r\nhost: 127.0.0.1:8080\r\nAccept: application/json\r\n\r\n",
                requestText(HttpMethod.GET, "http://127.0.0.1:8080/data?n=1", false));
    }

    @Test
    void shouldAddAnEmptyBodyAndConnectionClose_whenAPostClosesEachConnection() {
        assertEquals("POST / HTTP/1.1\r\nhost: example.org\r\nAccept: application/json\r\nconnection: close\r\n"
                        + "content-length: 0\r\n\r\n",
                requestText(HttpMethod.POST, "http://example.org", true));
    }

    private static String requestText(HttpMethod method, String url, boolean connectionClose) {
        LoadPlan plan = new LoadPlan(URI.create(url), method, List.of(Map.entry("Accept", "application/json")),
                LoadPlan.Model.CLOSED, 0, 1, 1, Duration.ZERO, null, null, Duration.ZERO, null, Duration.ofSeconds(1), 1, 1,
                connectionClose, false, 0, List.of(), Transport.NIO, null, null, null, "test");
        return new String(plan.requestBytes(), StandardCharsets.US_ASCII);
    }
}
