package io.asyncworkbench.jmh;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Each wrong/right pair must compute the same thing, or comparing their costs means nothing. */
class WorkloadBenchmarkTest {

    private final WorkloadBenchmark benchmark = new WorkloadBenchmark();

    @Test
    void shouldWriteTheSameJson_whenTheMapperIsBuiltPerCallOrShared() throws Exception {
        byte[] shared = benchmark.jsonSharedWriter();
        assertEquals("{\"street\":\"10 Downing Street\",\"city\":\"Value: 99\"}", new String(shared, StandardCharsets.UTF_8));
        assertArrayEquals(shared, benchmark.jsonMapperPerCall());
    }

    @Test
    void shouldGiveTheSameText_whenFormattedOrConcatenated() {
        assertEquals("Value: 99", benchmark.formatWithConcatenation());
        assertEquals(benchmark.formatWithConcatenation(), benchmark.formatWithStringFormat());
    }

    @Test
    void shouldEndWithTheBlogsLastValue_whenTheLoopRunsAsPorted() {
        assertEquals("Value: 99", benchmark.loopAsPorted());
    }

    @Test
    void shouldRunTheWorkloadNamedBySpec_whenParsed() {
        WorkloadBenchmark.Workloads state = new WorkloadBenchmark.Workloads();
        state.spec = "faithful:1000";
        state.parse();
        String json = new String(benchmark.workload(state), StandardCharsets.UTF_8);
        assertEquals("{\"street\":\"10 Downing Street\",\"city\":\"Value: 999\"}", json);
        state.spec = "faithful:100";
        state.parse();
        assertNotEquals(json, new String(benchmark.workload(state), StandardCharsets.UTF_8));
    }
}
