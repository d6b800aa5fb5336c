package io.asyncworkbench.http;

import io.asyncworkbench.metrics.ThreadMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;

/**
 * Serves one connection: turns the codec's messages into {@link HttpRequest}s, runs the
 * {@link RequestHandler} through the stage's {@link RequestExecutor}, and writes each
 * {@link HttpResponse} with the headers HTTP/1.1 needs.
 *
 * <p>It replaces Netty's {@code HttpObjectAggregator} because a {@code GET} has no body: the
 * aggregator would allocate a composite buffer and a wrapper per request, this handler
 * allocates nothing for a bodiless request beyond the request record, the policy's view of its
 * head ({@link NettyRequestHead}) and the response.
 *
 * <p>What a request's head decides (refuse it, keep the connection, {@code 100 Continue}, a
 * {@code HEAD} without body) is {@link ExchangePolicy}'s; a request it refuses, and one the codec
 * could not decode (400, 414, 431), is answered and the connection closed, as is a body that
 * grows past the limit (413). {@link ResponseWriter} writes the responses' bytes. Responses to
 * requests read in one batch are flushed once, when the batch ends (so pipelined requests cost
 * one write system call, not one each).
 */
public final class HttpServerHandler extends ChannelInboundHandlerAdapter {

    private final RequestHandler handler;
    private final RequestExecutor executor;
    private final HttpServerContext context;

    private final ResponseWriter writer = new ResponseWriter();
    private ThreadMetrics metrics;
    private boolean reading;
    private boolean failed;

    // A request is with the executor; pipelined ones wait here so responses go out in order.
    private boolean busy;
    private final java.util.ArrayDeque<Exchange> waiting = new java.util.ArrayDeque<>(2);

    // The request being received: its head, body so far and when decoding finished.
    private io.netty.handler.codec.http.HttpRequest head;
    private Verdict verdict;
    private CompositeByteBuf body;
    private long startNanos;

    public HttpServerHandler(RequestHandler handler, RequestExecutor executor, HttpServerContext context) {
        this.handler = handler;
        this.executor = executor;
        this.context = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        metrics = context.metrics().forCurrentThread();
        metrics.onConnectionAccepted();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (metrics != null) {
            metrics.onConnectionFinished();
            abandonWaiting();
        }
        releaseBody();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        try {
            if (failed) {
                return;
            }
            if (msg instanceof io.netty.handler.codec.http.HttpRequest request) {
                onHead(ctx, request);
            }
            if (!failed && head != null && msg instanceof HttpContent content) {
                onContent(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        ctx.flush();
    }

    private void onHead(ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpRequest request) {
        startNanos = System.nanoTime();
        metrics.onRequestStarted();
        DecoderResult result = request.decoderResult();
        Verdict decided = result.isSuccess() ? ExchangePolicy.decide(new NettyRequestHead(request), context.limits().maxBodyBytes())
                : NettyRequestHead.rejection(result.cause());
        if (decided.rejected()) {
            reject(ctx, decided, request.method().name());
            return;
        }
        if (decided.expectContinue() && !busy && waiting.isEmpty()) {
            // RFC 9110 §10.1.1: at once, unless a response before it is still due (then the client's own wait ends it).
            ctx.writeAndFlush(ResponseWriter.continueResponse(), ctx.voidPromise());
        }
        head = request;
        verdict = decided;
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (!content.decoderResult().isSuccess()) {
            reject(ctx, NettyRequestHead.rejection(content.decoderResult().cause()), head.method().name());
            return;
        }
        ByteBuf bytes = content.content();
        if (bytes.isReadable()) {
            if (body == null) {
                body = ctx.alloc().compositeBuffer();
            }
            if (body.readableBytes() + (long) bytes.readableBytes() > context.limits().maxBodyBytes()) {
                reject(ctx, Verdict.BODY_TOO_LARGE, head.method().name());
                return;
            }
            body.addComponent(true, bytes.retain());
        }
        if (content instanceof LastHttpContent) {
            dispatch(ctx);
        }
    }

    private void dispatch(ChannelHandlerContext ctx) {
        io.netty.handler.codec.http.HttpRequest request = head;
        head = null;
        byte[] bytes = body == null ? HttpRequest.NO_BODY : ByteBufUtil.getBytes(body);
        releaseBody();
        Exchange exchange = new Exchange(new HttpRequest(request.method().name(), request.uri(), request.headers(), bytes),
                verdict, startNanos);
        if (busy) {
            // Pipelined behind a request still being worked on elsewhere: answer in order.
            waiting.add(exchange);
        } else {
            execute(ctx, exchange);
        }
    }

    private void execute(ChannelHandlerContext ctx, Exchange exchange) {
        busy = true;
        executor.execute(handler, exchange.request(), ctx.executor(), response -> respond(ctx, exchange, response));
    }

    private void respond(ChannelHandlerContext ctx, Exchange exchange, HttpResponse response) {
        busy = false;
        boolean close = !exchange.verdict().keepAlive() || context.closing().getAsBoolean();
        ByteBuf out = writer.encode(ctx.alloc(), response, exchange.verdict(), exchange.request().method(), close);
        if (close) {
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        } else if (reading) {
            ctx.write(out, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(out, ctx.voidPromise());
        }
        metrics.onRequestFinished(response.status().code(), System.nanoTime() - exchange.startNanos());
        if (close) {
            abandonWaiting();
        } else if (!waiting.isEmpty()) {
            execute(ctx, waiting.poll());
        }
    }

    /** Pipelined requests that will never be answered (the connection is closing) leave the in-flight count. */
    private void abandonWaiting() {
        for (int i = waiting.size(); i > 0; i--) {
            metrics.onRequestAbandoned();
        }
        waiting.clear();
    }

    /** A decoded request and what its response needs to know about it. */
    private record Exchange(HttpRequest request, Verdict verdict, long startNanos) {
    }

    /** Answers bad input and closes the connection; nothing more is read from it. */
    private void reject(ChannelHandlerContext ctx, Verdict refused, String method) {
        metrics.onRequestFinished(refused.status(), System.nanoTime() - startNanos);
        failed = true;
        head = null;
        releaseBody();
        ByteBuf out = writer.encode(ctx.alloc(), HttpResponse.text(HttpResponseStatus.valueOf(refused.status()), refused.reason()),
                refused, method, true);
        ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A peer that resets or vanishes is ordinary for a server under load: close quietly.
        if (!(cause instanceof IOException)) {
            context.reportUnexpected(cause);
        }
        ctx.close();
    }
}
