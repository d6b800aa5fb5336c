package io.asyncworkbench.http;

import io.asyncworkbench.metrics.ServerMetrics;
import io.asyncworkbench.workload.Workload;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared HTTP pipeline, driven byte for byte in an {@link EmbeddedChannel}, no sockets. */
class HttpServerHandlerTest {

    private static final String JSON = "{\"street\":\"10 Downing Street\",\"city\":\"Value: 99\"}";

    private final ServerMetrics metrics = new ServerMetrics(Map.of("stage", "test"));
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        HttpServerContext context = new HttpServerContext(metrics, new HttpLimits(64, 256, 1024), () -> false);
        HttpServerInitializer initializer = new HttpServerInitializer(new Router(Workload.parse("faithful"), metrics),
                RequestExecutor.INLINE, context, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
        channel = new EmbeddedChannel(initializer);
    }

    @AfterEach
    void tearDown() {
        channel.close();
    }

    @Test
    void getData_shouldAnswerJson_andKeepTheConnectionOpen() {
        List<FullHttpResponse> responses = exchange("GET /data HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(1, responses.size());
        FullHttpResponse response = responses.get(0);
        assertEquals(200, response.status().code());
        assertEquals("application/json", response.headers().get("content-type"));
        assertEquals(JSON.length(), response.headers().getInt("content-length"));
        assertEquals(JSON, response.content().toString(StandardCharsets.UTF_8));
        assertNull(response.headers().get("connection"));
        assertTrue(channel.isOpen());
        response.release();
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void connectionClose_shouldBeHonoured_afterTheResponse() {
        FullHttpResponse response = single("GET /data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(200, response.status().code());
        assertEquals("close", response.headers().get("connection"));
        assertFalse(channel.isOpen());
        response.release();
    }

    @Test
    void http10_shouldCloseUnlessKeepAliveIsAsked() {
        FullHttpResponse response = single("GET /data HTTP/1.0\r\n\r\n");
        assertEquals(200, response.status().code());
        assertFalse(channel.isOpen());
        response.release();
    }

    @Test
    void pipelinedRequests_shouldAllBeAnsweredInOrder() {
        List<FullHttpResponse> responses = exchange("GET /data HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\nGET /data HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(List.of(200, 404, 200), responses.stream().map(r -> r.status().code()).toList());
        responses.forEach(FullHttpResponse::release);
        assertTrue(channel.isOpen());
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void unknownPath_shouldGet404_andWrongMethod405WithAllow() {
        FullHttpResponse notFound = single("GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(404, notFound.status().code());
        notFound.release();
        FullHttpResponse wrongMethod = single("POST /data HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
        assertEquals(405, wrongMethod.status().code());
        assertEquals("GET, HEAD, OPTIONS", wrongMethod.headers().get("allow"));
        wrongMethod.release();
        assertTrue(channel.isOpen());
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void garbage_shouldGet400_andClose() {
        assertRejected("this is not HTTP at all\r\n\r\n", 400);
    }

    @Test
    void hugeHeaders_shouldGet431_andClose() {
        assertRejected("GET /data HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(1000) + "\r\n\r\n", 431);
    }

    @Test
    void hugeRequestLine_shouldGet414_andClose() {
        assertRejected("GET /data?" + "q".repeat(200) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
    }

    @Test
    void hugeDeclaredBody_shouldGet413_andClose() {
        assertRejected("POST /data HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n", 413);
    }

    @Test
    void hugeChunkedBody_shouldGet413_andClose() {
        String chunk = "400\r\n" + "b".repeat(1024) + "\r\n";
        assertRejected("POST /data HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk + "0\r\n\r\n", 413);
    }

    @Test
    void requestSplitIntoSingleBytes_shouldBeAnswered() {
        for (byte b : "GET /data HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        FullHttpResponse response = decode().get(0);
        assertEquals(JSON, response.content().toString(StandardCharsets.UTF_8));
        response.release();
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void metrics_shouldCountConnectionsAndStatuses() {
        exchange("GET /data HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n").forEach(FullHttpResponse::release);
        channel.close();
        String text = metrics.render();
        assertTrue(text.contains("server_connections_accepted_total{thread=\"main\"} 1"), text);
        assertTrue(text.contains("server_connections_finished_total{thread=\"main\"} 1"), text);
        assertTrue(text.contains("server_requests_total{thread=\"main\",status=\"200\"} 1"), text);
        assertTrue(text.contains("server_requests_total{thread=\"main\",status=\"404\"} 1"), text);
        assertEquals(0, metrics.requestsInFlight());
    }

    @Test
    void responsesFromAnotherThread_shouldKeepPipelineOrder() throws Exception {
        // An executor that answers later, in reverse order of arrival: the handler must still reply in order.
        List<Runnable> later = new ArrayList<>();
        RequestExecutor deferred = (handler, request, loop, respond) -> later.add(() -> respond.accept(handler.handle(request)));
        HttpServerContext context = new HttpServerContext(metrics, HttpLimits.DEFAULT, () -> false);
        EmbeddedChannel async = new EmbeddedChannel(new HttpServerInitializer(new Router(Workload.parse("faithful"), metrics),
                deferred, context, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)));
        channel = async;
        async.writeInbound(Unpooled.copiedBuffer("GET /nope HTTP/1.1\r\nHost: x\r\n\r\nGET /data HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.US_ASCII));
        assertEquals(1, later.size(), "the second request waits until the first is answered");
        later.remove(0).run();
        assertEquals(1, later.size());
        later.remove(0).run();
        assertEquals(List.of(404, 200), decode().stream().map(r -> {
            int code = r.status().code();
            r.release();
            return code;
        }).toList());
        assertEquals(0, metrics.requestsInFlight());
        assertFalse(async.finishAndReleaseAll());
    }

    private void assertRejected(String request, int status) {
        FullHttpResponse response = single(request);
        assertEquals(status, response.status().code());
        assertEquals("close", response.headers().get("connection"));
        assertFalse(channel.isOpen(), "the connection must be closed after " + status);
        response.release();
        assertFalse(channel.finishAndReleaseAll());
    }

    private FullHttpResponse single(String request) {
        List<FullHttpResponse> responses = exchange(request);
        assertEquals(1, responses.size(), "responses");
        return responses.get(0);
    }

    private List<FullHttpResponse> exchange(String request) {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        return decode();
    }

    /** Decodes what the server wrote with Netty's client codec. */
    private List<FullHttpResponse> decode() {
        EmbeddedChannel client = new EmbeddedChannel(new HttpClientCodec(), new HttpObjectAggregator(1 << 20));
        // The client codec pairs responses with requests it has sent: announce one GET per response.
        for (int i = 0; i < 16; i++) {
            client.writeOutbound(new io.netty.handler.codec.http.DefaultFullHttpRequest(
                    io.netty.handler.codec.http.HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpMethod.GET, "/"));
        }
        client.releaseOutbound();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            client.writeInbound(out);
        }
        List<FullHttpResponse> responses = new ArrayList<>();
        FullHttpResponse response;
        while ((response = client.readInbound()) != null) {
            responses.add(response);
        }
        client.finishAndReleaseAll();
        return responses;
    }
}
