package io.asyncworkbench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One client connection: the last handler of its pipeline, after the response decoder
 * ({@link ClientChannels}). It carries at most one request at a time (no pipelining) and
 * remembers that request's intended and actual send times; when the response's last part arrives
 * it hands both to its {@link ConnectionPool}, which passes the outcome on and decides what the
 * connection does next.
 *
 * <p>It listens to its own connect, so the pool learns which connection connected without a
 * lookup in the pipeline, and it carries its place in the pool's {@link OpenConnections}, so the
 * pool finds it there without a search: its slot among the open ones, its neighbours among the
 * idle ones.
 *
 * <p>Everything here runs on the connection's event loop, so the fields need no synchronisation.
 */
final class Connection extends ChannelInboundHandlerAdapter implements ChannelFutureListener {

    /** The slot of a connection that is not among the pool's open ones (not yet connected, closed, or held idle). */
    static final int NO_SLOT = -1;

    private final ConnectionPool owner;
    private Channel channel;

    boolean busy;
    boolean retired;
    long intendedNanos;
    long startNanos;
    long retiredNanos;
    int remaining;
    private int status;
    private boolean keepAlive;

    // Kept by OpenConnections.
    int slot = NO_SLOT;
    boolean idle;
    Connection idleAbove;
    Connection idleBelow;

    Connection(ConnectionPool owner) {
        this.owner = owner;
    }

    /**
     * Writes the request's bytes, {@code request} as it is (the pool encoded it once), through a
     * retained duplicate that the write releases; the caller has taken this connection from the
     * idle ones or just opened it.
     */
    void send(ByteBuf request, long intendedNanos, int remainingAfter, long nowNanos) {
        this.intendedNanos = intendedNanos;
        startNanos = nowNanos;
        remaining = remainingAfter;
        busy = true;
        channel.writeAndFlush(request.retainedDuplicate(), channel.voidPromise());
    }

    void close() {
        channel.close();
    }

    @Override
    public void operationComplete(ChannelFuture connect) {
        owner.connected(this, connect);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response) {
                status = response.status().code();
                keepAlive = HttpUtil.isKeepAlive(response);
            }
            if (msg instanceof LastHttpContent && busy) {
                busy = false;
                owner.completed(this, status, keepAlive, System.nanoTime());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        owner.closed(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        owner.failed(this, cause);
        ctx.close();
    }
}
