package io.asyncworkbench.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuUsageTest {

    @Test
    void shouldExpressCpuTimeAndRunQueueWaitInPercentOfOneCpuOverTheWallTime_andTheJitTimeInMillis() {
        CpuUsage.Sample from = new CpuUsage.Sample(0, 1_000_000_000L, new long[] {0, 0}, new long[] {0, 100}, 40);
        CpuUsage.Sample to = new CpuUsage.Sample(10_000_000_000L, 13_000_000_000L,
                new long[] {9_500_000_000L, 2_000_000_000L}, new long[] {50_000_000L, 3_000_000_100L}, 65);

        assertEquals(new Summary.Cpu(2, 95.0, 120.0, 30.0, 25), CpuUsage.between(from, to, 2));
    }

    @Test
    void shouldReadTheRunQueueWaitFromSchedstat() {
        assertEquals(2_500_000L, CpuUsage.parseRunQueueWait("123456789 2500000 42\n"));
        assertEquals(0, CpuUsage.parseRunQueueWait(""));
    }

    @Test
    void shouldSampleThisThreadAndProcess() {
        long nativeId = CpuUsage.nativeThreadId();
        CpuUsage.Sample sample = CpuUsage.sample(new long[] {Thread.currentThread().threadId()}, new long[] {nativeId});

        assertEquals(1, sample.loopCpuNanos().length);
        assertTrue(sample.loopCpuNanos()[0] > 0);
        assertTrue(nativeId > 0, "Linux names its threads under /proc/thread-self");
    }
}
