package io.asyncworkbench.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes a response's bytes straight into one buffer, as hyper does: the status line, the few
 * header fields a response here can have, and the body. The servers send nothing else, so they
 * need no general encoder: Netty's {@code HttpResponseEncoder} would build a header map per
 * response, look each field up, encode the map, and send the body as a second buffer. Measured
 * with JMH ({@code HttpExchangeBenchmark}), that was a quarter of a request's HTTP cost.
 *
 * <pre>
 * HTTP/1.1 200 OK\r\n
 * content-type: application/json\r\n
 * content-length: 49\r\n
 * allow: GET, HEAD, OPTIONS\r\n          with 405, and with the 200 that answers OPTIONS
 * connection: close\r\n                  when the server closes; keep-alive to an HTTP/1.0 client that keeps it
 * \r\n
 * {"street":"10 Downing Street",...}     not after HEAD (its content-length is the GET's)
 * </pre>
 *
 * Every response says {@code HTTP/1.1}, whatever the request said, with the status's standard
 * reason phrase. A connection's handler keeps one writer (it holds a small scratch array), so
 * writing a response takes no lock and no thread-local lookup.
 */
public final class ResponseWriter {

    /** Where the status code starts: after {@code HTTP/1.1 }. */
    private static final int STATUS_CODE_OFFSET = 9;
    /** {@code HTTP/1.1 <code> <reason>\r\n} for every status code, built once. */
    private static final byte[][] STATUS_LINES = new byte[600][];

    static {
        for (int code = 100; code < STATUS_LINES.length; code++) {
            STATUS_LINES[code] = ascii("HTTP/1.1 " + code + " " + HttpResponseStatus.valueOf(code).reasonPhrase() + "\r\n");
        }
    }

    private static final byte[] CONTENT_TYPE = ascii("content-type: ");
    private static final byte[] CONTENT_LENGTH = ascii("\r\ncontent-length: ");
    private static final byte[] ALLOW = ascii("\r\nallow: " + ExchangePolicy.ALLOW);
    private static final byte[] CLOSE = ascii("\r\nconnection: close");
    private static final byte[] KEEP_ALIVE = ascii("\r\nconnection: keep-alive");
    private static final byte[] END_OF_HEADER = ascii("\r\n\r\n");
    /** Room for everything but the content type and the body: the longest status line and every field. */
    private static final int FIXED_BYTES = Arrays.stream(STATUS_LINES).filter(Objects::nonNull).mapToInt(l -> l.length).max().orElseThrow()
            + CONTENT_TYPE.length + CONTENT_LENGTH.length + 10 + ALLOW.length + KEEP_ALIVE.length
            + END_OF_HEADER.length;

    /** {@code HTTP/1.1 100 Continue}, sent before a body the client waits to send (RFC 9110 §10.1.1). */
    private static final ByteBuf CONTINUE = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer().writeBytes(ascii("HTTP/1.1 100 Continue\r\n\r\n"))).asReadOnly();

    /** Where a response's head is put together; one writer per connection, so never shared between threads. */
    private byte[] head = new byte[FIXED_BYTES + 64];

    /**
     * The bytes of {@code response} to a request decided by {@code verdict} with {@code method};
     * {@code close} says the server closes the connection after it.
     */
    public ByteBuf encode(ByteBufAllocator alloc, HttpResponse response, Verdict verdict, String method, boolean close) {
        byte[] body = response.body();
        AsciiString contentType = response.contentType();
        int code = response.status().code();
        // The head is put together on the heap and copied into the buffer at once: one copy into
        // direct memory costs less than one per field (profiled: per field, 10% of stage 1's CPU).
        if (head.length < FIXED_BYTES + contentType.length()) {
            head = new byte[FIXED_BYTES + contentType.length()];
        }
        int n = put(head, 0, STATUS_LINES[code]);
        n = put(head, n, CONTENT_TYPE);
        System.arraycopy(contentType.array(), contentType.arrayOffset(), head, n, contentType.length());
        n = put(head, n + contentType.length(), CONTENT_LENGTH);
        n = putDecimal(head, n, body.length);
        if (ExchangePolicy.allowFor(code, method) != null) {
            n = put(head, n, ALLOW);
        }
        if (close) {
            n = put(head, n, CLOSE);
        } else if (verdict.http10()) {
            n = put(head, n, KEEP_ALIVE);
        }
        n = put(head, n, END_OF_HEADER);
        boolean withBody = !verdict.headOnly();
        ByteBuf out = alloc.buffer(n + (withBody ? body.length : 0));
        out.writeBytes(head, 0, n);
        if (withBody) {
            out.writeBytes(body);
        }
        return out;
    }

    /** A response with its body after which the server closes the connection, whatever the request was. */
    public static ByteBuf encodeClosing(ByteBufAllocator alloc, HttpResponse response) {
        return new ResponseWriter().encode(alloc, response, Verdict.serve(false, false, false, false), "", true);
    }

    /** {@code HTTP/1.1 100 Continue} and an empty header; the buffer may be written any number of times. */
    public static ByteBuf continueResponse() {
        return CONTINUE.duplicate();
    }

    /**
     * True when {@code bytes}, a response this class wrote, is a final one, false for an interim
     * {@code 1xx} (RFC 9110 §15.2): a handler that watches responses go out (the hardened stage's
     * timeouts) counts a request answered on its final response only.
     */
    public static boolean isFinal(ByteBuf bytes) {
        return bytes.getByte(bytes.readerIndex() + STATUS_CODE_OFFSET) != '1';
    }

    private static int put(byte[] head, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, head, at, bytes.length);
        return at + bytes.length;
    }

    /** Puts {@code value} (at least 0) in decimal ASCII, without a String. */
    private static int putDecimal(byte[] head, int at, int value) {
        int end = at + 1;
        for (int rest = value / 10; rest > 0; rest /= 10) {
            end++;
        }
        for (int i = end - 1, rest = value; i >= at; i--, rest /= 10) {
            head[i] = (byte) ('0' + rest % 10);
        }
        return end;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
