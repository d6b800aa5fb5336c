package io.asyncworkbench.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarningsTest {

    private static final Summary.Latency ON_TIME = new Summary.Latency(1000, 0.01, 0.01, 0.02, 0.05, 0.1, 0.2);
    private static final Summary.Latency LATE = new Summary.Latency(1000, 0.5, 0.3, 0.9, 2.5, 4, 6);
    private static final Summary.Cpu RELAXED = new Summary.Cpu(2, 40, 60, 1, 0);

    @Test
    void shouldSayNothing_whenTheGeneratorKeptUp() {
        assertEquals(List.of(), Warnings.of(ON_TIME, true, RELAXED, 0));
    }

    @Test
    void shouldWarn_whenSendLagP99ExceedsOneMillisecond() {
        List<String> warnings = Warnings.of(LATE, true, RELAXED, 0);

        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("the generator fell behind its schedule (send lag p99 2.50 ms > 1 ms)"), warnings.get(0));
        assertTrue(warnings.get(0).contains("measures the generator"));
    }

    @Test
    void shouldNotJudgeSendLag_inTheClosedModel_whereItOnlyCoversTheUsersStart() {
        assertEquals(List.of(), Warnings.of(LATE, false, RELAXED, 0));
    }

    @Test
    void shouldWarn_whenAnEventLoopOrTheProcessSaturatedItsCpu() {
        assertTrue(Warnings.of(ON_TIME, true, new Summary.Cpu(2, 97, 110, 0, 0), 0).get(0).startsWith(
                "the generator's CPU was saturated (busiest event loop 97% of a CPU, process 110% of 2 CPUs)"));
        assertTrue(Warnings.cpuSaturated(new Summary.Cpu(1, 60, 95, 0, 0)), "pinned to one CPU, the process used it all");
        assertTrue(!Warnings.cpuSaturated(new Summary.Cpu(2, 60, 95, 0, 0)));
    }

    @Test
    void shouldWarn_whenAnEventLoopWaitedForItsCpu() {
        List<String> warnings = Warnings.of(ON_TIME, true, new Summary.Cpu(1, 20, 30, 55, 0), 0);

        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("an event loop of the generator waited for a CPU 55% of the time"), warnings.get(0));
    }

    @Test
    void shouldFlagTheGeneratorAsTheLimit_onlyWhenItFellBehindOrLackedCpu() {
        assertTrue(!Warnings.generatorLimited(ON_TIME, true, RELAXED));
        assertTrue(Warnings.generatorLimited(LATE, true, RELAXED), "fell behind its schedule");
        assertTrue(!Warnings.generatorLimited(LATE, false, RELAXED), "the closed model has no schedule to fall behind");
        assertTrue(Warnings.generatorLimited(ON_TIME, true, new Summary.Cpu(1, 95, 96, 0, 0)), "saturated");
        assertTrue(Warnings.generatorLimited(ON_TIME, true, new Summary.Cpu(1, 20, 30, 55, 0)), "starved by another process");
    }

    @Test
    void shouldWarn_whenArrivalsWereSkipped() {
        assertEquals(List.of("12 arrivals were skipped because the phase's maxUsers were already active"),
                Warnings.of(ON_TIME, true, RELAXED, 12));
    }
}
