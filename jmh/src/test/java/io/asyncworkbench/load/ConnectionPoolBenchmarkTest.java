package io.asyncworkbench.load;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each call is one response and the next request, and the pool keeps one connection per user. */
class ConnectionPoolBenchmarkTest {

    private final ConnectionPoolBenchmark benchmark = new ConnectionPoolBenchmark();

    @AfterEach
    void tearDown() {
        benchmark.release();
    }

    @ParameterizedTest
    @ValueSource(strings = {"keep-alive", "client-close"})
    void shouldKeepOneConnectionPerUser_whenAnsweredManyTimes(String connections) {
        benchmark.users = 20;
        benchmark.connections = connections;
        benchmark.fillThePool();
        long before = benchmark.responses();

        for (int i = 0; i < 10_000; i++) {
            assertEquals(20, benchmark.answerOne());
        }

        assertEquals(before + 10_000, benchmark.responses());
        assertEquals(20, benchmark.openConnections());
    }
}
