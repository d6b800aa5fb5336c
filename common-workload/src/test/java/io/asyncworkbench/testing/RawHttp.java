package io.asyncworkbench.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes over a plain socket, for what {@code java.net.http.HttpClient} will not send: garbage,
 * huge headers, pipelined requests, one byte at a time. Reads until the server closes or
 * {@code timeoutMillis} of silence.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;

    public RawHttp(int port, int timeoutMillis) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(timeoutMillis);
        // Each write its own segment at once: a request sent in pieces arrives in pieces.
        socket.setTcpNoDelay(true);
    }

    /**
     * Sends {@code request} on each of {@code count} fresh connections without reading, so that
     * they are all in the server at once (say, to fill a worker queue); read them with {@link #readAllAndClose}.
     */
    public static List<RawHttp> sendOnEach(int port, int count, String request, int timeoutMillis) throws IOException {
        List<RawHttp> connections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            connections.add(new RawHttp(port, timeoutMillis).send(request));
        }
        return connections;
    }

    /** Reads each connection until the server closes it (or falls silent), closes it, and returns every status, in order. */
    public static List<Integer> readAllAndClose(List<RawHttp> connections) throws IOException {
        List<Integer> statuses = new ArrayList<>();
        for (RawHttp connection : connections) {
            try (connection) {
                statuses.addAll(connection.readAll().statuses());
            }
        }
        return statuses;
    }

    public RawHttp send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /**
     * Sends {@code text} unless the server has already answered (a server that refused the request
     * and closed would reset the connection on more bytes); false if it did not send.
     */
    public boolean sendUnlessAnswered(String text) throws IOException {
        if (socket.getInputStream().available() > 0) {
            return false;
        }
        try {
            send(text);
            return true;
        } catch (IOException closedByServer) {
            return false;
        }
    }

    /** Everything the server sends until it closes the connection (or falls silent). */
    public Reply readAll() throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        boolean closed = false;
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
            closed = true;
        } catch (SocketTimeoutException silent) {
            // The server kept the connection open.
        } catch (IOException reset) {
            closed = true;
        }
        return new Reply(received.toString(StandardCharsets.ISO_8859_1), closed);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** What came back, and whether the server closed the connection. */
    public record Reply(String text, boolean closedByServer) {

        /** The status codes of every response in the text, in order. */
        public List<Integer> statuses() {
            return java.util.regex.Pattern.compile("HTTP/1\\.[01] (\\d{3}) ").matcher(text).results()
                    .map(m -> Integer.parseInt(m.group(1))).toList();
        }
    }
}
