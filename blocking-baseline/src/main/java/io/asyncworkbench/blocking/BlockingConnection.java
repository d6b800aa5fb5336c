package io.asyncworkbench.blocking;

import io.asyncworkbench.http.HttpServerContext;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * Serves one connection on the calling thread with blocking I/O, parsing with the same Netty
 * pipeline as every other stage: the bytes {@code read()} returns go into an
 * {@link EmbeddedChannel} that holds the shared {@code HttpServerInitializer}'s codec and handler,
 * and what the pipeline writes comes out of the channel and goes to the socket.
 *
 * <pre>
 * socket.read() ──bytes──▶ EmbeddedChannel [Rfc9112RequestDecoder → HttpServerHandler → Router] ──bytes──▶ socket.write()
 * </pre>
 *
 * So the limits and statuses (400, 414, 431, 413), the shared {@code ExchangePolicy}, keep-alive, {@code Connection: close} and
 * pipelining behave exactly as in the Netty stages: a request split over many reads is
 * reassembled by the codec's decoder, and the responses to the requests of one read leave in one
 * {@code write()}. An {@code EmbeddedChannel} runs everything on the thread that calls it, so the
 * handler's "event loop" is this connection's own thread.
 *
 * <p>The connection ends when the client closes (end of stream), when the pipeline closes the
 * channel (after {@code Connection: close} or bad input), or on an I/O error. When the server
 * is the one that closes, it half-closes and reads away what the client still sends for a moment
 * (a <em>lingering close</em>, as nginx does): closing a socket with unread input makes the kernel
 * send a reset, so a client still sending (the rest of an oversized header, say) fails in its
 * write and never reads the 431 already waiting for it.
 */
final class BlockingConnection implements Runnable {

    /** Bytes asked of one {@code read()}, and the size of the write buffer. */
    static final int BUFFER_BYTES = 8192;
    /** A lingering close waits at most this long in all for the client's end of stream... */
    static final int LINGER_MILLIS = 1000;
    /** ...and reads away at most this much. */
    static final int LINGER_BYTES = 64 * 1024;

    private final Socket socket;
    private final ChannelHandler pipeline;
    private final HttpServerContext context;
    private final byte[] buffer = new byte[BUFFER_BYTES];

    BlockingConnection(Socket socket, ChannelHandler pipeline, HttpServerContext context) {
        this.socket = socket;
        this.pipeline = pipeline;
        this.context = context;
    }

    @Override
    public void run() {
        // Built here, so the handler counts the connection on the thread that serves it.
        EmbeddedChannel channel = new EmbeddedChannel(pipeline);
        try (socket) {
            serve(channel);
        } catch (IOException e) {
            // Reset or closed by the peer, or by a shutdown: ordinary for a server, not logged.
        } catch (RuntimeException | LinkageError e) {
            // A bug, or the JDK failing to load a class (e.g. with no fds left): counted, logged once per kind.
            context.reportUnexpected(e);
        } finally {
            try {
                channel.finishAndReleaseAll();
            } catch (RuntimeException e) {
                context.reportUnexpected(e);
            }
        }
    }

    private void serve(EmbeddedChannel channel) throws IOException {
        socket.setTcpNoDelay(true);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        while (channel.isOpen()) {
            ByteBuf received = read(channel, in);
            if (received == null) {
                return;
            }
            channel.writeInbound(received);
            writeOutbound(channel, out);
        }
        lingeringClose(in);
    }

    /** One {@code read()} into a fresh buffer the pipeline takes over; null at end of stream. */
    private static ByteBuf read(EmbeddedChannel channel, InputStream in) throws IOException {
        ByteBuf received = channel.alloc().heapBuffer(BUFFER_BYTES);
        try {
            if (received.writeBytes(in, BUFFER_BYTES) < 0) {
                received.release();
                return null;
            }
            return received;
        } catch (IOException e) {
            received.release();
            throw e;
        }
    }

    /** Copies everything the pipeline wrote into {@code buffer} and sends it, one write per full buffer. */
    private void writeOutbound(EmbeddedChannel channel, OutputStream out) throws IOException {
        int length = 0;
        for (ByteBuf bytes; (bytes = channel.readOutbound()) != null; ) {
            try {
                while (bytes.isReadable()) {
                    if (length == buffer.length) {
                        out.write(buffer, 0, length);
                        length = 0;
                    }
                    int n = Math.min(bytes.readableBytes(), buffer.length - length);
                    bytes.readBytes(buffer, length, n);
                    length += n;
                }
            } finally {
                bytes.release();
            }
        }
        if (length > 0) {
            out.write(buffer, 0, length);
        }
    }

    /** Sends FIN after the last response, then drops what the client still sends until it closes too. */
    private void lingeringClose(InputStream in) throws IOException {
        socket.shutdownOutput();
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
        long dropped = 0;
        for (long left; dropped < LINGER_BYTES && (left = deadlineNanos - System.nanoTime()) > 0; ) {
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            int n = in.read(buffer);
            if (n < 0) {
                return;
            }
            dropped += n;
        }
    }
}
