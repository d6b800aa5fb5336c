package io.asyncworkbench.http;

import io.netty.util.concurrent.EventExecutor;

import java.util.function.Consumer;

/**
 * Where a stage runs its {@link RequestHandler}. The default, {@link #INLINE}, runs it on the
 * connection's event loop (stages 1 and 2: the thread that reads also works). A stage that
 * offloads the work runs it elsewhere and hands the response back on {@code loop}.
 */
@FunctionalInterface
public interface RequestExecutor {

    /**
     * Runs {@code handler} for {@code request} and passes the response to {@code respond} on
     * {@code loop} (the connection's event loop), exactly once.
     */
    void execute(RequestHandler handler, HttpRequest request, EventExecutor loop, Consumer<HttpResponse> respond);

    /** Runs the handler on the calling event loop, right away. */
    RequestExecutor INLINE = (handler, request, loop, respond) -> respond.accept(handler.handle(request));
}
