package io.asyncworkbench.testing;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP/1.1 as every server jar must speak it, checked over loopback: the {@link ConformanceCorpus}
 * (each case whole, byte by byte and split at every position), {@code HEAD}, {@code OPTIONS}, and
 * SIGTERM with a request in flight. {@link StageContractIT} implements it, so every server's
 * contract test runs it; docs/http-conformance.md maps each rule to its case.
 */
public interface ConformanceContract {

    /** The server under test, started once for the class. */
    StageProcess server();

    /** Another server like it, for a test that stops it. */
    StageProcess startAnother() throws IOException, InterruptedException;

    HttpClient client();

    /** RFC 9110 §9.3.2: HEAD gets the header fields of GET, Content-Length included, and no content; the next response follows at once. */
    @Test
    default void head_shouldCarryTheHeadersOfGet_andNoBody() throws Exception {
        try (RawHttp raw = new RawHttp(server().port(), 5000)) {
            String text = raw.send("HEAD /data HTTP/1.1\r\nHost: x\r\n\r\n" + ConformanceCorpus.PROBE).readAll().text();
            int end = text.indexOf("\r\n\r\n") + 4;
            String head = text.substring(0, end).toLowerCase(Locale.ROOT);
            assertTrue(head.startsWith("http/1.1 200 ") && head.contains("content-length: " + StageContractIT.JSON.length() + "\r\n"), head);
            assertTrue(text.startsWith("HTTP/1.1 200 ", end), "a body after HEAD's response: " + text);
        }
    }

    /** RFC 9110 §9.3.7: OPTIONS answers 200 with the methods allowed. */
    @Test
    default void options_shouldListTheAllowedMethods() throws Exception {
        HttpResponse<String> options = client().send(HttpRequest.newBuilder(server().uri("/data"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, options.statusCode());
        assertEquals("GET, HEAD, OPTIONS", options.headers().firstValue("allow").orElseThrow());
    }

    /** Every case of {@link ConformanceCorpus}, each sent whole, byte by byte and split at every position. */
    @TestFactory
    default Stream<DynamicTest> conformanceCorpus_shouldGetTheExpectedStatuses_andCloseWhenItSays() {
        return ConformanceCorpus.load().stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> ConformanceCorpus.check(server().port(), c)));
    }

    /**
     * SIGTERM while a request is in flight (its head read, its body not yet sent): the server still
     * answers it once the body comes, says {@code Connection: close}, and exits 0. Polling
     * {@code /metrics} until two requests are in flight (that one and the scrape itself) makes sure
     * the signal comes after the server has begun the request; waiting until new connections are
     * refused makes sure the rest of the body comes after the server has begun to stop.
     */
    @Test
    default void sigterm_withARequestInFlight_shouldAnswerIt_andExitZero() throws Exception {
        try (StageProcess other = startAnother(); RawHttp inFlight = new RawHttp(other.port(), 15_000)) {
            inFlight.send("GET /data HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nab");
            Await.until(Duration.ofSeconds(10), "two requests are in flight (that one and the scrape)",
                    () -> StageContractIT.sum(client().send(HttpRequest.newBuilder(other.uri("/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body(), "server_requests_in_flight") >= 2);
            ProcessHandle.of(other.pid()).orElseThrow().destroy();
            Await.until(Duration.ofSeconds(10), "port " + other.port() + " refuses connections", () -> refuses(other.port()));
            RawHttp.Reply reply = inFlight.send("cd").readAll();
            assertEquals(List.of(200), reply.statuses(), reply.text());
            assertTrue(reply.text().toLowerCase(Locale.ROOT).contains("connection: close"), reply.text());
            assertEquals(0, other.terminate(Duration.ofSeconds(15)));
        }
    }

    /**
     * Whether {@code port} refuses a connection: the server has closed its listening socket. A
     * connect that the closing listener resets instead of refusing says the same.
     */
    private static boolean refuses(int port) throws IOException {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return false;
        } catch (SocketException refusedOrReset) {
            return true;
        }
    }
}
