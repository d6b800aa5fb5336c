package io.asyncworkbench.jmh;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark must do a whole exchange per call, and leak nothing over many calls. */
@Timeout(10)
class HttpExchangeBenchmarkTest {

    final HttpExchangeBenchmark benchmark = newBenchmark();
    boolean open;

    HttpExchangeBenchmark newBenchmark() {
        return new HttpExchangeBenchmark();
    }

    @AfterEach
    void tearDown() {
        if (open) {
            benchmark.closeChannel();
        }
    }

    void open(String workload) {
        benchmark.workload = workload;
        benchmark.openChannel();
        open = true;
    }

    @ParameterizedTest
    @ValueSource(strings = {"faithful:100", "constant"})
    void shouldAnswer200WithTheJson_whenTheWorkloadIsFaithfulOrConstant(String workload) {
        open(workload);
        String response = benchmark.exchangeForText();
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        assertTrue(response.contains("content-length: 49\r\n"), response);
        assertTrue(response.endsWith("\r\n\r\n{\"street\":\"10 Downing Street\",\"city\":\"Value: 99\"}"), response);
        assertEquals(response.length(), benchmark.exchange(), "exchange() reads the whole response");
    }

    @Test
    void shouldKeepOnlyItsOwnReferenceOnTheRequest_whenExchangedManyTimes() {
        open("constant");
        for (int i = 0; i < 1_000; i++) {
            benchmark.exchange();
        }
        assertEquals(1, benchmark.requestReferences());
    }

    @Test
    void shouldRefuseToMeasure_whenThePipelineDoesNotAnswer200() {
        benchmark.workload = "constant";
        benchmark.requestText = "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n";
        IllegalStateException e = assertThrows(IllegalStateException.class, benchmark::openChannel);
        assertTrue(e.getMessage().contains("404"), e.getMessage());
        open = true;
    }
}
