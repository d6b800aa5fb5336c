package io.asyncworkbench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One event loop's connections to the server, at most {@code maxConnections} of them, and the
 * requests waiting for one. All methods run on the loop's thread.
 *
 * <p>A request goes out at once on an idle connection (the most recently used: it is warm);
 * otherwise it waits in a {@link PendingQueue} with its intended time, and a connection is opened
 * if the limit allows. A connection that finishes a response takes the oldest waiting request, or
 * goes idle. With {@code Connection: close} a connection is retired after its response and the
 * server closes it, so the TIME_WAIT stays on the server's side; with {@code --client-close} the
 * pool closes it itself right after the response, so the TIME_WAIT holds our local port. Either
 * way a new connection replaces it at once.
 *
 * <p>Which connections are open and which idle is kept in {@link OpenConnections}: a connect, a
 * close or a response changes it in constant time, with 20 connections open or 2,000. Only the
 * sweep passes over every open connection, once per tick, not per request.
 *
 * <p>Outcomes go to the {@link LoadLoop}: each response, and each request that failed, whether
 * its connect failed (the oldest waiting request fails), the connection broke under it, or it
 * waited longer than {@code --timeout} ({@link #sweep}, one pass instead of a timer per request).
 *
 * <p>The sockets are the {@link Connector}'s ({@link ClientChannels} in a run), the outcomes the
 * {@link Outcomes}' ({@link LoadLoop} in a run): a test or a benchmark drives the pool on
 * {@code EmbeddedChannel}s.
 */
final class ConnectionPool {

    /** Where the pool reports: the {@link LoadLoop}'s counters and its users' sessions. */
    interface Outcomes {

        void connectionOpened(int openNow, long nowNanos);

        void openConnections(int openNow);

        void responded(int status, long intendedNanos, long startNanos, int remainingAfter, long nowNanos);

        void requestFailed(long intendedNanos, int remainingAfter, ErrorClass errorClass, Throwable cause, long nowNanos);
    }

    /** Opens a connection to the server whose pipeline ends in {@code connection}. */
    interface Connector {

        /**
         * @param local the local address to bind, or null to let the kernel choose
         * @throws ChannelException when no socket can be created (EMFILE)
         */
        ChannelFuture connect(InetSocketAddress local, ChannelHandler connection);
    }

    private final Outcomes owner;
    private final EventLoop eventLoop;
    /** The request's bytes, encoded once; each send writes a retained duplicate, which the write releases. */
    private final ByteBuf request;
    private final Connector channels;
    /** {@code --source-addresses}, each with port 0 (the kernel picks the port): built once, not per connect. */
    private final InetSocketAddress[] sources;
    private final int maxConnections;
    private final boolean connectionPerRequest;
    private final boolean clientCloses;

    private final PendingQueue pending = new PendingQueue();
    private final OpenConnections open = new OpenConnections();
    private int usable;
    private int connecting;
    private int nextSource;

    ConnectionPool(Outcomes owner, LoadPlan plan, Connector channels, EventLoop eventLoop, int loop, int loops) {
        this.owner = owner;
        this.eventLoop = eventLoop;
        this.request = directBytes(plan.requestBytes());
        this.channels = channels;
        this.sources = plan.sourceAddresses().stream().map(a -> new InetSocketAddress(a, 0)).toArray(InetSocketAddress[]::new);
        this.maxConnections = plan.maxConnectionsOnLoop(loop, loops);
        this.connectionPerRequest = plan.connectionPerRequest();
        this.clientCloses = plan.clientClose();
        this.nextSource = loop;
    }

    /**
     * {@code bytes} in a direct buffer, which the socket writes from without a copy. The JDK frees
     * its memory when the pool is gone, so it is never released here.
     */
    private static ByteBuf directBytes(byte[] bytes) {
        return Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip());
    }

    /**
     * Opens {@code count} connections that never carry a request ({@code --hold-idle}): outside
     * the pool's limit and bookkeeping, they stay open until the run ends and its loop closes them.
     */
    void holdIdle(int count, Runnable connectedOne) {
        for (int i = 0; i < count; i++) {
            InetSocketAddress local = nextLocal();
            try {
                channels.connect(local, new Connection(this)).addListener(f -> {
                    if (f.isSuccess()) {
                        connectedOne.run();
                    }
                });
            } catch (ChannelException noSocket) {
                return; // no descriptor left: the load's own connects will say so
            }
        }
    }

    /** The next of {@code --source-addresses} in turn, or null to let the kernel choose. */
    private InetSocketAddress nextLocal() {
        return sources.length == 0 ? null : sources[nextSource++ % sources.length];
    }

    /** Sends a request now on an idle connection, or queues it until one is free. */
    void submit(long intendedNanos, int remainingAfter, long nowNanos) {
        Connection c = open.popIdle();
        if (c != null) {
            c.send(request, intendedNanos, remainingAfter, nowNanos);
            return;
        }
        pending.add(intendedNanos, remainingAfter);
        openIfNeeded();
    }

    private void openIfNeeded() {
        while (connecting < pending.size() && usable + connecting < maxConnections) {
            connecting++;
            InetSocketAddress local = nextLocal();
            Connection c = new Connection(this);
            try {
                channels.connect(local, c).addListener(c);
            } catch (ChannelException noSocket) {
                // Later, on this loop: failing at once could recurse through the next user's connect.
                eventLoop.execute(() -> connectFailed(noSocket));
            }
        }
    }

    /** {@code c}'s connect finished: it takes a request, or goes idle. */
    void connected(Connection c, ChannelFuture f) {
        if (!f.isSuccess()) {
            // Later, on this loop: failing at once could recurse through the next user's connect.
            eventLoop.execute(() -> connectFailed(f.cause()));
            return;
        }
        connecting--;
        long nowNanos = System.nanoTime();
        open.add(c);
        usable++;
        owner.connectionOpened(open.size(), nowNanos);
        release(c, nowNanos);
    }

    private void connectFailed(Throwable cause) {
        connecting--;
        if (!pending.isEmpty()) {
            failOldestWaiting(ErrorClass.of(cause), cause, System.nanoTime());
        }
        openIfNeeded();
    }

    /** A free connection takes the oldest waiting request, or goes idle. */
    private void release(Connection c, long nowNanos) {
        if (pending.isEmpty()) {
            open.pushIdle(c);
            return;
        }
        long intendedNanos = pending.peekIntended();
        int remainingAfter = pending.peekRemaining();
        pending.remove();
        c.send(request, intendedNanos, remainingAfter, nowNanos);
    }

    void completed(Connection c, int status, boolean keepAlive, long nowNanos) {
        // Read the request's times before the connection takes the next one.
        long intendedNanos = c.intendedNanos;
        long startNanos = c.startNanos;
        int remainingAfter = c.remaining;
        if (keepAlive && !connectionPerRequest) {
            release(c, nowNanos);
        } else {
            c.retired = true;
            c.retiredNanos = nowNanos;
            usable--;
            if (clientCloses) {
                c.close(); // first, so the TIME_WAIT is ours
            }
            openIfNeeded();
        }
        owner.responded(status, intendedNanos, startNanos, remainingAfter, nowNanos);
    }

    void failed(Connection c, Throwable cause) {
        if (c.busy) {
            c.busy = false;
            owner.requestFailed(c.intendedNanos, c.remaining, ErrorClass.of(cause), cause, System.nanoTime());
        }
    }

    void closed(Connection c) {
        if (!open.remove(c)) {
            return;
        }
        if (!c.retired) {
            usable--;
        }
        owner.openConnections(open.size());
        if (c.busy) {
            c.busy = false;
            owner.requestFailed(c.intendedNanos, c.remaining, ErrorClass.CLOSED, null, System.nanoTime());
        }
        openIfNeeded();
    }

    /** Fails what has been in flight or waiting longer than {@code limitNanos}; everything when it is negative. */
    void sweep(long nowNanos, long limitNanos) {
        // Downwards: a connection that closes at once takes the last one into its slot, which is already checked.
        for (int i = open.size() - 1; i >= 0; i = Math.min(i - 1, open.size() - 1)) {
            Connection c = open.get(i);
            if (c.busy && nowNanos - c.startNanos > limitNanos) {
                c.busy = false;
                c.close();
                owner.requestFailed(c.intendedNanos, c.remaining, ErrorClass.READ_TIMEOUT, null, nowNanos);
            } else if (c.retired && nowNanos - c.retiredNanos > Math.max(limitNanos, 0)) {
                c.close(); // the server never closed it
            }
        }
        while (!pending.isEmpty() && nowNanos - pending.peekIntended() > limitNanos) {
            failOldestWaiting(ErrorClass.NO_FREE_CONNECTION, null, nowNanos);
        }
    }

    private void failOldestWaiting(ErrorClass errorClass, Throwable cause, long nowNanos) {
        long intendedNanos = pending.peekIntended();
        int remainingAfter = pending.peekRemaining();
        pending.remove();
        owner.requestFailed(intendedNanos, remainingAfter, errorClass, cause, nowNanos);
    }
}
