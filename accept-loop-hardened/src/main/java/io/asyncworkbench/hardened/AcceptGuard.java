package io.asyncworkbench.hardened;

import io.asyncworkbench.cli.Durations;
import io.asyncworkbench.metrics.AcceptMetrics;
import io.asyncworkbench.metrics.ServerMetrics;
import io.asyncworkbench.server.AcceptErrorClassifier;
import io.asyncworkbench.server.AcceptErrorClassifier.AcceptError;
import io.asyncworkbench.server.AcceptErrorClassifier.Category;
import io.asyncworkbench.server.ErrorPathPreload;
import io.asyncworkbench.transport.Errno;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ServerChannelRecvByteBufAllocator;
import io.netty.channel.epoll.EpollServerSocketChannel;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hardened accept loop: a handler on the listening socket's pipeline, ahead of Netty's
 * {@code ServerBootstrapAcceptor}, that sees every accepted connection ({@code channelRead}, the
 * message is the new child {@link Channel}) and every accept error ({@code exceptionCaught}).
 *
 * <p>Netty's acceptor stops accepting for 1 s on <em>any</em> accept error, logs nothing useful
 * and has no limit. This guard consumes the errors itself, so that policy never runs:
 * <ul>
 *   <li>a per-connection error ({@code ECONNABORTED}, ...) is counted and nothing else: epoll and
 *       NIO report the listening socket ready for as long as connections are pending, so the next
 *       one is accepted at once;</li>
 *   <li>a resource shortage ({@code EMFILE}, ...) or anything unexpected turns {@code autoRead} off
 *       for an {@link AcceptBackoff} pause (500 ms doubling to {@code --accept-pause-max}), logs one
 *       line per episode ({@link AcceptLog}), and with {@code --on-fd-exhaustion shed} first tries
 *       the {@link SpareDescriptor} trick: accept and close at once while descriptors are out;</li>
 *   <li>out of descriptors ({@code EMFILE}, {@code ENFILE}), the pause also ends as soon as one of
 *       this server's connections closes: its descriptor is free, so the next {@code accept()} can
 *       succeed. The timer is only the fallback for descriptors freed elsewhere. Without it the
 *       server stays deaf for the rest of its pause, up to {@code --accept-pause-max} after a storm
 *       ends; with it, one retry per closed connection, so no spinning;</li>
 *   <li>a {@link ConnectionLimiter} token per accepted connection: with none left {@code autoRead}
 *       goes off, so new clients wait in the listen backlog; a closing connection turns it back on.</li>
 * </ul>
 * Everything the error path needs is created when the server starts, before any storm.
 */
final class AcceptGuard extends ChannelInboundHandlerAdapter {

    private static final Runnable NOTHING = () -> { };

    private final AcceptErrorClassifier classifier = new AcceptErrorClassifier();
    private final AcceptBackoff backoff;
    private final ConnectionLimiter limiter;
    private final AcceptLog log;
    private final AcceptMetrics metrics;
    private final SpareDescriptor spare;
    private final String pauseAction;
    private final String descriptorPauseAction;
    private final String shedAction = "shedding: pending connections are accepted and closed at once until descriptors free up";
    private final AtomicLong shed = new AtomicLong();

    // Owned by the listening socket's event loop.
    private Channel listener;
    private boolean paused;
    private boolean full;
    private ScheduledFuture<?> pauseTimer;

    // Set on the listening socket's loop, read where connections close (another loop, in a stage with several).
    private volatile boolean awaitingDescriptor;

    // Created up front (Netty issue 1328): no class is loaded when they are first needed.
    private final Runnable endPause;
    private final Runnable connectionClosed;
    private final ChannelFutureListener giveTokenBack;

    /** {@code spare} is null unless {@code --on-fd-exhaustion shed}. */
    AcceptGuard(AcceptBackoff backoff, Duration pause, Duration pauseMax, ConnectionLimiter limiter, AcceptLog log,
                SpareDescriptor spare, ServerMetrics serverMetrics) {
        this.backoff = backoff;
        this.limiter = limiter;
        this.log = log;
        this.spare = spare;
        this.metrics = serverMetrics.accept();
        this.endPause = () -> {
            paused = false;
            awaitingDescriptor = false;
            updateAutoRead();
        };
        this.connectionClosed = () -> {
            full = limiter.isFull();
            if (paused && awaitingDescriptor) {
                // Its descriptor is closed by now (Netty closes the socket before the close future completes).
                pauseTimer.cancel(false);
                paused = false;
                awaitingDescriptor = false;
            }
            updateAutoRead();
        };
        this.giveTokenBack = closed -> {
            if (limiter.release() || awaitingDescriptor) {
                listener.eventLoop().execute(connectionClosed);
            }
        };
        this.pauseAction = "stopped accepting, retrying after " + Durations.format(pause)
                + " and backing off up to " + Durations.format(pauseMax);
        this.descriptorPauseAction = "stopped accepting until a connection closes, retrying after " + Durations.format(pause)
                + " at the latest and backing off up to " + Durations.format(pauseMax);
        log.warmUp(classifier.classify(new IOException(Errno.EMFILE.text())));
        serverMetrics.register(out -> {
            out.family("server_connections_limit", "gauge", "--max-connections (0: no limit).");
            out.sample("server_connections_limit", limiter.limit());
            out.family("server_connections_open", "gauge", "Connections holding a token of the limit now.");
            out.sample("server_connections_open", limiter.open());
            out.family("server_connections_limit_reached_total", "counter", "Times every token was taken and accepting stopped.");
            out.sample("server_connections_limit_reached_total", limiter.timesFull());
            out.family("server_connections_at_limit_seconds_total", "counter", "Time spent with every token taken.");
            out.sample("server_connections_at_limit_seconds_total", limiter.fullNanos() / 1e9);
            out.family("server_accept_shed_total", "counter", "Connections accepted and closed at once while descriptors ran out.");
            out.sample("server_accept_shed_total", shed.get());
        });
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        listener = ctx.channel();
        if (!(listener instanceof EpollServerSocketChannel)) {
            // Epoll hands each accepted connection to the pipeline before its next accept() and checks autoRead
            // in between, so the limit holds with its batch of 16. NIO accepts its whole batch first: one per read.
            listener.config().setRecvByteBufAllocator(new ServerChannelRecvByteBufAllocator().maxMessagesPerRead(1));
        }
        ctx.executor().schedule(NOTHING, 1, TimeUnit.NANOSECONDS);
        ctx.executor().schedule(NOTHING, 1, TimeUnit.DAYS).cancel(false);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        if (spare != null && !spare.isHeld()) {
            // Shedding: this connection got the spare's descriptor. Its client learns at once.
            child.unsafe().closeForcibly();
            shed.incrementAndGet();
            return;
        }
        if (!limiter.tryAcquire()) {
            // Unreachable (see handlerAdded); kept so that the limit holds whatever a transport does.
            child.unsafe().closeForcibly();
            return;
        }
        child.closeFuture().addListener(giveTokenBack);
        backoff.reset();
        log.onAccepted(System.nanoTime());
        if (limiter.isFull()) {
            full = true;
            updateAutoRead();
        }
        ctx.fireChannelRead(child);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (spare != null && !spare.isHeld()) {
            spare.reopen();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Not passed on: Netty's acceptor would pause 1 s, and the pipeline's tail would log it through
        // java.util.logging, whose first use needs a descriptor (see ErrorPathPreload): that kills stage 1.
        AcceptError error = classifier.classify(cause);
        metrics.onAcceptError(error.kind());
        if (error.category() == Category.PER_CONNECTION) {
            return;
        }
        boolean outOfDescriptors = error.errno() == Errno.EMFILE || error.errno() == Errno.ENFILE;
        if (spare != null && outOfDescriptors && spare.release()) {
            // One descriptor is free now: the next accept() takes it and channelRead closes that connection.
            log.onFailure(error, shedAction, System.nanoTime());
            return;
        }
        if (!paused) {
            long pauseNanos = backoff.nextPauseNanos();
            log.onFailure(error, outOfDescriptors ? descriptorPauseAction : pauseAction, System.nanoTime());
            metrics.onAcceptPaused();
            paused = true;
            awaitingDescriptor = outOfDescriptors;
            updateAutoRead();
            pauseTimer = ctx.executor().schedule(endPause, pauseNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void updateAutoRead() {
        listener.config().setAutoRead(!paused && !full);
    }
}
