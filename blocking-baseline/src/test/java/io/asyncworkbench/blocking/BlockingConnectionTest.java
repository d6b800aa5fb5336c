package io.asyncworkbench.blocking;

import io.asyncworkbench.http.HttpLimits;
import io.asyncworkbench.http.HttpServerContext;
import io.asyncworkbench.http.HttpServerInitializer;
import io.asyncworkbench.http.RequestExecutor;
import io.asyncworkbench.http.Router;
import io.asyncworkbench.metrics.ServerMetrics;
import io.asyncworkbench.testing.Await;
import io.asyncworkbench.testing.RawHttp;
import io.asyncworkbench.testing.TcpTable;
import io.asyncworkbench.workload.Workload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One {@link BlockingConnection} over loopback, in this JVM, with the shared pipeline. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BlockingConnectionTest {

    private static final String GET = "GET /data HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final String GET_CLOSE = "GET /data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    private static final String JSON = "{\"street\":\"10 Downing Street\",\"city\":\"Value: 99\"}";

    private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final ServerMetrics metrics = new ServerMetrics(Map.of());
    private final HttpServerContext context = new HttpServerContext(metrics, HttpLimits.DEFAULT, () -> false);
    private final HttpServerInitializer pipeline = new HttpServerInitializer(new Router(Workload.parse("faithful"), metrics),
            RequestExecutor.INLINE, context);

    BlockingConnectionTest() throws IOException {
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    Thread.ofVirtual().start(new BlockingConnection(socket, pipeline, context));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrder_whenTheyArriveOneByteAtATime() throws Exception {
        try (RawHttp raw = new RawHttp(listener.getLocalPort(), 5000)) {
            for (char c : (GET + "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n" + GET_CLOSE).toCharArray()) {
                raw.send(String.valueOf(c));
            }
            RawHttp.Reply reply = raw.readAll();
            assertEquals(List.of(200, 404, 200), reply.statuses(), reply.text());
            assertTrue(reply.text().endsWith(JSON), reply.text());
            assertTrue(reply.closedByServer());
        }
    }

    @Test
    void shouldKeepTheConnectionOpen_whenTheClientDoesNotAskToClose() throws Exception {
        try (KeepAliveClient client = new KeepAliveClient(listener.getLocalPort(), 5000)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(new KeepAliveClient.Response(200, JSON), client.get("/data"));
            }
        }
        Await.until(Duration.ofSeconds(5), "the server ends the connection", () -> metrics.threads().getFirst().finished() == 1);
        assertEquals(1, metrics.threads().getFirst().accepted());
        assertEquals(3, metrics.threads().getFirst().requests(200));
    }

    @Test
    void shouldDeliverThe431_whenTheClientIsStillSendingItsHeaders() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            RawHttp.Reply reply = sendOversizedHeaderInTwoParts(socket);
            assertEquals(List.of(431), reply.statuses(), reply.text());
            assertTrue(reply.closedByServer());
        }
    }

    /**
     * The control: a server that closes with the client's bytes unread makes the kernel reset the
     * connection, so the client's next write fails and it never reads the response waiting for it.
     */
    @Test
    void closingWithUnreadInput_shouldResetTheClient_whichIsWhyTheConnectionLingers() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = plain.accept()) {
                    s.getInputStream().readNBytes(100);
                    s.getOutputStream().write("HTTP/1.1 431 Too Large\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // The client's side is what this test looks at.
                }
            });
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), plain.getLocalPort())) {
                assertThrows(SocketException.class, () -> sendOversizedHeaderInTwoParts(socket).statuses());
            }
        }
    }

    /**
     * Sends a header block over the limit, waits until the server has answered and closed its end
     * (the lingering server half-closes, the control closes), sends more, then reads.
     */
    private static RawHttp.Reply sendOversizedHeaderInTwoParts(Socket socket) throws Exception {
        socket.setSoTimeout(5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /data HTTP/1.1\r\nX-Big: " + "a".repeat(HttpLimits.DEFAULT.maxHeaderBytes() + 100)).getBytes(StandardCharsets.US_ASCII));
        Await.until(Duration.ofSeconds(5), "the server has closed its end of the connection",
                () -> TcpTable.clientEnd(socket).filter(TcpTable.Row::isEstablished).isEmpty());
        out.write("b".repeat(20_000).getBytes(StandardCharsets.US_ASCII));
        String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        return new RawHttp.Reply(text, true);
    }
}
