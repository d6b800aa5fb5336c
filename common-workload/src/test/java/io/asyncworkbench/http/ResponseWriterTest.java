package io.asyncworkbench.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact bytes of the responses the servers write. */
class ResponseWriterTest {

    private static final HttpResponse JSON = HttpResponse.json("{\"a\":1}".getBytes(StandardCharsets.US_ASCII));
    private static final Verdict KEEP_ALIVE = Verdict.serve(true, false, false, false);

    private static String text(ByteBuf bytes) {
        try {
            return bytes.toString(StandardCharsets.US_ASCII);
        } finally {
            bytes.release();
        }
    }

    private static String encode(HttpResponse response, Verdict verdict, String method, boolean close) {
        return text(new ResponseWriter().encode(ByteBufAllocator.DEFAULT, response, verdict, method, close));
    }

    @Test
    void shouldWriteStatusLineTypeLengthAndBody_whenTheConnectionStaysOpen() {
        assertEquals("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 7\r\n\r\n{\"a\":1}",
                encode(JSON, KEEP_ALIVE, "GET", false));
    }

    @Test
    void shouldSayConnectionClose_whenTheServerCloses_andKeepAlive_toAnHttp10ClientThatKeepsIt() {
        assertTrue(encode(JSON, KEEP_ALIVE, "GET", true).contains("\r\nconnection: close\r\n\r\n"));
        assertTrue(encode(JSON, Verdict.serve(true, true, false, false), "GET", false).contains("\r\nconnection: keep-alive\r\n\r\n"));
    }

    @Test
    void shouldKeepTheLengthButDropTheBody_whenAnsweringHead() {
        assertEquals("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 7\r\n\r\n",
                encode(JSON, Verdict.serve(true, false, true, false), "HEAD", false));
    }

    @Test
    void shouldListTheAllowedMethods_with405AndTheOptionsAnswer() {
        String refused = encode(HttpResponse.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "no\n"), KEEP_ALIVE, "POST", false);
        assertTrue(refused.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), refused);
        assertTrue(refused.contains("\r\nallow: GET, HEAD, OPTIONS\r\n"), refused);
        assertTrue(encode(HttpResponse.text(HttpResponseStatus.OK, ""), KEEP_ALIVE, "OPTIONS", false).contains("\r\nallow: "));
        assertFalse(encode(JSON, KEEP_ALIVE, "GET", false).contains("allow"));
    }

    @Test
    void shouldWriteEveryDigitOfTheLength_whenTheBodyIsLarge() {
        HttpResponse large = HttpResponse.json(new byte[1_234_567]);
        String head = encode(large, Verdict.serve(true, false, true, false), "HEAD", false);
        assertTrue(head.contains("\r\ncontent-length: 1234567\r\n"), head);
        assertTrue(encode(HttpResponse.json(new byte[0]), KEEP_ALIVE, "GET", false).endsWith("\r\ncontent-length: 0\r\n\r\n"));
    }

    @Test
    void shouldTellAnInterimResponseFromAFinalOne() {
        ByteBuf interim = ResponseWriter.continueResponse();
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", interim.toString(StandardCharsets.US_ASCII));
        assertFalse(ResponseWriter.isFinal(interim));
        ByteBuf answer = ResponseWriter.encodeClosing(ByteBufAllocator.DEFAULT, JSON);
        assertTrue(ResponseWriter.isFinal(answer));
        assertTrue(text(answer).contains("\r\nconnection: close\r\n"));
    }
}
