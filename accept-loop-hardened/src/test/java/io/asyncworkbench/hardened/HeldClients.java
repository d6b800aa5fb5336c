package io.asyncworkbench.hardened;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Many client connections that connect and then just sit there, as {@code wrk -c 1000} holds its
 * connections: the kernel completes each handshake (the listen backlog has room) whether or not
 * the server has accepted it yet. {@link #awaitServerCloses} counts the ones the server closes.
 * One selector thread, no thread per connection; the test JVM's own limit must allow
 * {@code count} more descriptors.
 */
final class HeldClients implements AutoCloseable {

    private final List<SocketChannel> channels = new ArrayList<>();
    private final Selector selector;

    private HeldClients(Selector selector) {
        this.selector = selector;
    }

    static HeldClients open(int port, int count) throws IOException {
        HeldClients clients = new HeldClients(Selector.open());
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        try {
            for (int i = 0; i < count; i++) {
                SocketChannel channel = SocketChannel.open();
                clients.channels.add(channel);
                channel.socket().connect(server, 5_000);
                channel.configureBlocking(false);
                channel.register(clients.selector, SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            clients.close();
            throw new IOException("connection " + clients.channels.size() + " of " + count + " failed: " + e, e);
        }
        return clients;
    }

    int size() {
        return channels.size();
    }

    /** Waits up to {@code millis}, or until {@code expected} were closed by the server; returns how many were. */
    int awaitServerCloses(long millis, int expected) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        int closed = 0;
        for (long left = millis; left > 0 && closed < expected; left = (deadline - System.nanoTime()) / 1_000_000) {
            selector.select(Math.max(1, left));
            for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                SelectionKey key = keys.next();
                keys.remove();
                int n;
                try {
                    n = ((SocketChannel) key.channel()).read(buffer.clear());
                } catch (IOException reset) {
                    n = -1;
                }
                if (n < 0) {
                    key.cancel();
                    closed++;
                }
            }
        }
        return closed;
    }

    /**
     * Keeps every connection busy for {@code millis}, as {@code wrk} does: one {@code GET /data} at a
     * time on each, the next one sent when the last response has ended (its JSON's closing brace).
     * Connections still in the server's listen backlog just hold their first request. Returns the
     * number of responses that ended.
     */
    long storm(long millis) throws IOException {
        ByteBuffer request = ByteBuffer.wrap("GET /data HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        for (SocketChannel channel : channels) {
            if (channel.isOpen()) {
                channel.write(request.rewind());
            }
        }
        long deadline = System.nanoTime() + millis * 1_000_000;
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        long responses = 0;
        for (long left = millis; left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            selector.select(Math.max(1, left));
            for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                SelectionKey key = keys.next();
                keys.remove();
                SocketChannel channel = (SocketChannel) key.channel();
                int n;
                try {
                    n = channel.read(buffer.clear());
                    if (n > 0 && buffer.get(n - 1) == '}') {
                        responses++;
                        channel.write(request.rewind());
                    }
                } catch (IOException reset) {
                    n = -1;
                }
                if (n < 0) {
                    key.cancel();
                }
            }
        }
        return responses;
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel channel : channels) {
            channel.close();
        }
        selector.close();
    }
}
