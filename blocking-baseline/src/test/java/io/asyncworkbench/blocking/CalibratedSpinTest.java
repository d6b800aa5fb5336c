package io.asyncworkbench.blocking;

import io.asyncworkbench.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class CalibratedSpinTest {

    private static final String JSON = "{\"street\":\"10 Downing Street\",\"city\":\"Value: 99\"}";

    /** Why the stage needs it: on a virtual thread the CPU clock SpinWorkload waits on reads -1 and never advances. */
    @Test
    void threadCpuClock_shouldBeUnreadable_whenTheThreadIsVirtual() throws Exception {
        AtomicLong cpuTime = new AtomicLong();
        Thread.ofVirtual().start(() -> cpuTime.set(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime())).join();
        assertEquals(-1, cpuTime.get());
        assertTrue(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() > 0, "a platform thread's clock reads");
    }

    @Test
    void shouldServeTheJson_whenRunOnAVirtualThread() throws Exception {
        Workload spin = CalibratedSpin.forVirtualThreads(Workload.parse("spin:1ms"));
        assertEquals("spin:1ms", spin.spec());
        AtomicReference<String> body = new AtomicReference<>();
        Thread.ofVirtual().start(() -> body.set(new String(spin.run(), StandardCharsets.UTF_8))).join();
        assertEquals(JSON, body.get());
    }

    @Test
    void shouldBurnMoreSlices_whenTheDurationIsLonger() {
        long oneMs = ((CalibratedSpin) CalibratedSpin.forVirtualThreads(Workload.parse("spin:1ms"))).slices();
        long tenMs = ((CalibratedSpin) CalibratedSpin.forVirtualThreads(Workload.parse("spin:10ms"))).slices();
        assertTrue(oneMs > 0 && tenMs > 3 * oneMs, oneMs + " slices for 1 ms, " + tenMs + " for 10 ms");
    }

    @Test
    void shouldLeaveTheWorkloadAlone_whenItDoesNotSpin() {
        Workload faithful = Workload.parse("faithful");
        assertSame(faithful, CalibratedSpin.forVirtualThreads(faithful));
    }
}
