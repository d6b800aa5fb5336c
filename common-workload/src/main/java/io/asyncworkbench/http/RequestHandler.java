package io.asyncworkbench.http;

/**
 * The book's {@code type RequestHandler = HttpRequest => HttpResponse}: everything a server does
 * with a request, as one function. The servers call it once per decoded request; it must not
 * block on I/O, and it may run on an event loop or on a worker thread.
 */
@FunctionalInterface
public interface RequestHandler {

    HttpResponse handle(HttpRequest request);
}
