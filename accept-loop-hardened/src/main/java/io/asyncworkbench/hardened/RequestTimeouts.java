package io.asyncworkbench.hardened;

import io.asyncworkbench.http.HttpResponse;
import io.asyncworkbench.http.HttpServerInitializer;
import io.asyncworkbench.http.ResponseWriter;

import io.asyncworkbench.metrics.ServerMetrics;
import io.asyncworkbench.metrics.ThreadMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deadlines that keep slow and idle clients from holding connections (slowloris): a request's
 * headers must be complete within {@code --header-timeout} of its first byte (of the accept, for
 * a connection's first request), else the client gets 408 and the connection is closed; a
 * keep-alive connection may wait at most {@code --idle-timeout} for its next request, then it is
 * closed quietly. The time a request takes to be served is not limited here.
 *
 * <p>Two small handlers share one connection's state: {@code Bytes} before the HTTP codec sees
 * the first byte of a request, {@code Messages} after it sees the decoded head and the response
 * going out. One timer per connection fires no later than the current deadline and re-arms
 * itself; a request only moves the deadline (no timer is created or cancelled per request).
 *
 * <pre>
 * accept ──▶ HEAD ──head decoded──▶ SERVING ──response written──▶ IDLE ──first byte──▶ HEAD ...
 *             │ header-timeout: 408, close                         │ idle-timeout: close
 * </pre>
 */
final class RequestTimeouts {

    private static final HttpResponse REQUEST_TIMEOUT = HttpResponse.text(HttpResponseStatus.REQUEST_TIMEOUT,
            "request headers did not arrive within --header-timeout\n");

    private enum State { HEAD, SERVING, IDLE }

    private final long headerNanos;
    private final long idleNanos;
    private final Counters counters;
    private final ServerMetrics metrics;
    private final Runnable check = this::onTimer;
    private ChannelHandlerContext ctx;
    private Ticker ticker;
    private State state = State.HEAD;
    private int unanswered;
    private boolean timedOut;
    private long deadlineNanos;
    private ScheduledFuture<?> timer;

    private RequestTimeouts(long headerNanos, long idleNanos, Counters counters, ServerMetrics metrics) {
        this.headerNanos = headerNanos;
        this.idleNanos = idleNanos;
        this.counters = counters;
        this.metrics = metrics;
    }

    /** The pipeline of {@code shared} (the core's codec and handler, named "codec" and "handler") with the deadlines around the codec. */
    static ChannelHandler around(ChannelHandler shared, Duration header, Duration idle, ServerMetrics metrics) {
        Counters counters = new Counters(metrics);
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                // The channel is registered, so the shared initializer runs (and adds "codec" and "handler") right here.
                ch.pipeline().addLast(shared);
                RequestTimeouts timeouts = new RequestTimeouts(header.toNanos(), idle.toNanos(), counters, metrics);
                ch.pipeline().addBefore(HttpServerInitializer.DECODER, "request-bytes", timeouts.new Bytes())
                        .addBefore(HttpServerInitializer.HANDLER, "request-timeouts", timeouts.new Messages());
            }
        };
    }

    /** Sees raw bytes: the first one of a request on an idle keep-alive connection starts its header deadline. */
    private final class Bytes extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext bytesCtx, Object msg) {
            if (state == State.IDLE) {
                moveTo(State.HEAD, ticker.nanoTime(), headerNanos);
            }
            bytesCtx.fireChannelRead(msg);
        }
    }

    /** Sees decoded request heads and the responses going out. */
    private final class Messages extends ChannelDuplexHandler {
        @Override
        public void handlerAdded(ChannelHandlerContext messagesCtx) {
            ctx = messagesCtx;
            ticker = messagesCtx.executor().ticker();
            moveTo(State.HEAD, ticker.nanoTime(), headerNanos);
        }

        @Override
        public void channelRead(ChannelHandlerContext messagesCtx, Object msg) {
            if (timedOut) {
                // Answered 408 already; on close the codec still hands over the half-received request.
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest) {
                unanswered++;
                state = State.SERVING;
            }
            messagesCtx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext messagesCtx, Object msg, ChannelPromise promise) {
            if (msg instanceof ByteBuf response && ResponseWriter.isFinal(response) && unanswered > 0 && --unanswered == 0) {
                moveTo(State.IDLE, ticker.nanoTime(), idleNanos);
            }
            messagesCtx.write(msg, promise);
        }

        @Override
        public void channelInactive(ChannelHandlerContext messagesCtx) {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            messagesCtx.fireChannelInactive();
        }
    }

    private void moveTo(State next, long nowNanos, long timeoutNanos) {
        state = next;
        deadlineNanos = nowNanos + timeoutNanos;
        if (timer == null) {
            arm(nowNanos);
        }
    }

    /** Fires no later than the deadline and no later than one header timeout from now, so HEAD needs no re-arming. */
    private void arm(long nowNanos) {
        long delay = Math.min(deadlineNanos - nowNanos, headerNanos);
        timer = ctx.executor().schedule(check, Math.max(delay, 0), TimeUnit.NANOSECONDS);
    }

    private void onTimer() {
        timer = null;
        if (!ctx.channel().isActive() || state == State.SERVING) {
            return;  // Closed, or busy: the response re-arms the timer.
        }
        long nowNanos = ticker.nanoTime();
        if (nowNanos - deadlineNanos < 0) {
            arm(nowNanos);
        } else if (state == State.HEAD) {
            counters.header.incrementAndGet();
            timedOut = true;
            // Counted with the requests by status; it has no service time (its headers never arrived).
            ThreadMetrics thread = metrics.forCurrentThread();
            thread.onRequestStarted();
            thread.onRequestFinished(HttpResponseStatus.REQUEST_TIMEOUT.code(), 0);
            ctx.writeAndFlush(ResponseWriter.encodeClosing(ctx.alloc(), REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
        } else {
            counters.idle.incrementAndGet();
            ctx.close();
        }
    }

    /** Timeouts over all connections, in {@code /metrics}. */
    private static final class Counters {
        final AtomicLong header = new AtomicLong();
        final AtomicLong idle = new AtomicLong();

        Counters(ServerMetrics metrics) {
            metrics.register(out -> {
                out.family("server_header_timeouts_total", "counter", "Connections answered 408 and closed: headers too slow (--header-timeout).");
                out.sample("server_header_timeouts_total", header.get());
                out.family("server_idle_timeouts_total", "counter", "Keep-alive connections closed after --idle-timeout without a request.");
                out.sample("server_idle_timeouts_total", idle.get());
            });
        }
    }
}
