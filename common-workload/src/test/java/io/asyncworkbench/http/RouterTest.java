package io.asyncworkbench.http;

import org.junit.jupiter.api.Test;

import static io.asyncworkbench.http.Router.Route.DATA;
import static io.asyncworkbench.http.Router.Route.METHOD_NOT_ALLOWED;
import static io.asyncworkbench.http.Router.Route.METRICS;
import static io.asyncworkbench.http.Router.Route.NOT_FOUND;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RouterTest {

    @Test
    void route_shouldClassifyByPathThenMethod() {
        assertEquals(DATA, Router.route("GET", "/data"));
        assertEquals(DATA, Router.route("GET", "/data?user=7"));
        assertEquals(METRICS, Router.route("GET", "/metrics"));
        assertEquals(METHOD_NOT_ALLOWED, Router.route("POST", "/data"));
        assertEquals(METHOD_NOT_ALLOWED, Router.route("DELETE", "/metrics"));
        assertEquals(NOT_FOUND, Router.route("GET", "/"));
        assertEquals(NOT_FOUND, Router.route("GET", "/database"));
        assertEquals(NOT_FOUND, Router.route("POST", "/nope"));
        assertEquals(DATA, Router.route("HEAD", "/data"));
        assertEquals(DATA, Router.route("GET", "http://example.com/data?x=1"));
        assertEquals(Router.Route.OPTIONS, Router.route("OPTIONS", "*"));
        assertEquals(Router.Route.OPTIONS, Router.route("OPTIONS", "/metrics"));
    }
}
