package io.asyncworkbench.hardened;

import io.asyncworkbench.metrics.AcceptMetrics;
import io.asyncworkbench.server.AcceptErrorClassifier;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The "before" of {@code --naive}: the accept loop most people write first,
 *
 * <pre>{@code
 * while (true) {
 *     try { serve(listener.accept()); }
 *     catch (IOException e) { log(e); }     // and straight back to accept()
 * }
 * }</pre>
 *
 * Every error is logged and accepting goes on at once: no classification, no pause, no limit,
 * no timeouts. It even removes Netty's own policy (a 1 s pause on any error) by not passing the
 * error on, so the {@code accept-loop} experiment compares the hardened loop with no policy at all.
 * Under {@code EMFILE} the listening socket stays readable (readiness is level-triggered), so
 * this loop calls {@code accept()} as fast as the CPU allows and logs every failure: it spins. It
 * corrupts nothing, and serves again as soon as descriptors are free.
 */
final class NaiveAcceptLoop extends ChannelInboundHandlerAdapter {

    private final AcceptErrorClassifier classifier = new AcceptErrorClassifier();
    private final AcceptMetrics metrics;

    NaiveAcceptLoop(AcceptMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        metrics.onAcceptError(classifier.classify(cause).kind());
        System.err.println("accept-loop (naive): accept() failed: " + cause.getMessage() + "; accepting again at once");
    }
}
