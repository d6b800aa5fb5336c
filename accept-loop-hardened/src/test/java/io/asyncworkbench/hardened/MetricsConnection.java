package io.asyncworkbench.hardened;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A keep-alive connection for scraping {@code /metrics}, opened before a storm: the server answers
 * on it even when it cannot accept a new connection. Each response is read by its
 * {@code Content-Length}, so a slow first scrape is never confused with the next one.
 */
final class MetricsConnection implements AutoCloseable {

    private final Socket socket;

    MetricsConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
    }

    /** The body of {@code GET /metrics}. */
    String scrape() throws IOException {
        socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        int start = headers.indexOf("content-length:") + "content-length:".length();
        int length = Integer.parseInt(headers.substring(start, headers.indexOf("\r\n", start)).trim());
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** The value of {@code sample} (name and labels exactly as rendered) in {@code metrics}, or 0 if absent. */
    static double value(String metrics, String sample) {
        return metrics.lines().filter(l -> l.startsWith(sample + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(sample.length() + 1))).findFirst().orElse(0);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
