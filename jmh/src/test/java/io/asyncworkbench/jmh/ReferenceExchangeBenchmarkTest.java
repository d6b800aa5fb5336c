package io.asyncworkbench.jmh;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference pipeline passes the same checks as the stages' one; it has no routes, so no 404. */
class ReferenceExchangeBenchmarkTest extends HttpExchangeBenchmarkTest {

    @Override
    HttpExchangeBenchmark newBenchmark() {
        return new ReferenceExchangeBenchmark();
    }

    @Override
    @Test
    @DisplayName("the reference has no routes: it answers 200 with the JSON on any path, so nothing to refuse")
    void shouldRefuseToMeasure_whenThePipelineDoesNotAnswer200() {
        benchmark.requestText = "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n";
        open("constant");
        assertTrue(benchmark.exchangeForText().startsWith("HTTP/1.1 200 OK\r\n"), "the reference answers every path with the JSON");
    }
}
