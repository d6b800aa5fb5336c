package io.asyncworkbench.experiment;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JitCpuTest {

    @Test
    void shouldCountOnlyTheCompilerThreads() {
        String c2 = "4242 (C2 CompilerThre) S 1 4200 4200 0 -1 1077936192 1 0 0 0 75 3 0 0 20 0 40 0 100 0 0";
        String loop = "4243 (load-1-1) R 1 4200 4200 0 -1 1077936192 1 0 0 0 900 40 0 0 20 0 40 0 100 0 0";
        String odd = "4244 (a (b) c) S 1 4200 4200 0 -1 1077936192 1 0 0 0 5 5 0 0 20 0 40 0 100 0 0";

        assertEquals(78, JitCpu.compilerTicks(c2));
        assertEquals(0, JitCpu.compilerTicks(loop));
        assertEquals(0, JitCpu.compilerTicks(odd));
    }

    @Test
    void shouldAddEachThreadsGrowth_soThatAThreadThatExitedDoesNotMakeItNegative() {
        Map<Long, Long> before = Map.of(1L, 100L, 2L, 245L);
        Map<Long, Long> after = Map.of(1L, 103L, 3L, 2L);

        assertEquals(50, JitCpu.millisBetween(before, after), "3 ticks on thread 1, 2 on the new thread 3");
    }

    @Test
    void shouldFindNothing_forAProcessThatIsNotThere() {
        assertEquals(Map.of(), JitCpu.sample(-1));
    }
}
