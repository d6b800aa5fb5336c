package io.asyncworkbench.workload;

import io.asyncworkbench.cli.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkloadTest {

    private static final String BLOG_JSON = "{\"street\":\"10 Downing Street\",\"city\":\"Value: 99\"}";

    @Test
    void faithfulWorkload_shouldReturnTheBlogsJson() {
        assertEquals(BLOG_JSON, text(Workload.parse("faithful").run()));
        assertEquals(BLOG_JSON, text(new FaithfulWorkload(100).run()));
    }

    @Test
    void faithfulWorkload_shouldFormatTheLastIteration_whenLoopingAThousandTimes() {
        assertEquals("{\"street\":\"10 Downing Street\",\"city\":\"Value: 999\"}", text(Workload.parse("faithful:1000").run()));
        assertEquals("Value: 0", FaithfulWorkload.cpuIntensiveWork(1));
    }

    @Test
    void spinWorkload_shouldReturnTheSameJson() {
        assertEquals(BLOG_JSON, text(Workload.parse("spin:100us").run()));
    }

    @Test
    void parse_shouldKeepTheSpecification() {
        assertEquals("faithful:100", Workload.parse("faithful").spec());
        assertEquals("spin:4ms", Workload.parse("spin:4ms").spec());
        assertEquals("spin:160us", Workload.parse("spin:160us").spec());
        assertEquals(Duration.ofMillis(4), Workload.parse("spin:4ms").nominalCpuTime());
    }

    @Test
    void parse_shouldRejectNonsense_withAMessageForTheUser() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Workload.parse("nope")).getMessage().contains("unknown workload"));
        assertThrows(IllegalArgumentException.class, () -> Workload.parse("faithful:0"));
        assertThrows(IllegalArgumentException.class, () -> Workload.parse("faithful:x"));
        assertThrows(IllegalArgumentException.class, () -> Workload.parse("spin"));
        assertThrows(IllegalArgumentException.class, () -> Workload.parse("spin:4 lightyears"));
        assertThrows(IllegalArgumentException.class, () -> Workload.parse("spin:0ms"));
    }

    /**
     * Runs twice as many spinning threads as there are CPUs, so each is descheduled about half
     * the time. A wall-clock spin would then stop after using about half its CPU time; the
     * CPU-time spin must use all of it, and not much more: it reads its clock after every slice
     * of arithmetic (about a microsecond), so it overshoots by about one slice. Twice the CPU time
     * asked is a bound only a spin that counts the wrong clock or the wrong unit can pass, on a
     * fast machine or a slow one: both sides are CPU time, which descheduling does not inflate.
     */
    @Test
    void spinWorkload_shouldBurnCpuTimeNotWallTime_whenThreadsAreDescheduled() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long askedNanos = Duration.ofMillis(40).toNanos();
        SpinWorkload spin = new SpinWorkload(Duration.ofNanos(askedNanos));
        int workers = 2 * Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                results.add(pool.submit(() -> {
                    long cpuBefore = threads.getCurrentThreadCpuTime();
                    spin.run();
                    return threads.getCurrentThreadCpuTime() - cpuBefore;
                }));
            }
            for (Future<Long> result : results) {
                long cpuNanos = result.get();
                assertTrue(cpuNanos >= askedNanos, "CPU time used: " + cpuNanos + " ns, less than the " + askedNanos + " asked");
                assertTrue(cpuNanos < 2 * askedNanos, "CPU time used: " + cpuNanos + " ns, twice the " + askedNanos + " asked or more");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void spinWorkload_shouldFinishOnAVirtualThread_whereThereIsNoCpuClock() throws Exception {
        SpinWorkload spin = new SpinWorkload(Duration.ofMillis(5));
        CompletableFuture<Long> cpuClock = new CompletableFuture<>();
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            cpuClock.complete(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
            result.complete(spin.run());
        });
        assertEquals(-1, cpuClock.get(30, TimeUnit.SECONDS), "a virtual thread's CPU clock is unreadable, so the spin cannot wait on it");
        assertEquals(BLOG_JSON, text(result.get(30, TimeUnit.SECONDS)));
    }

    @Test
    void spec_shouldGiveTheBuiltWorkloadsSpec_whenReadWithoutBuildingIt() {
        for (String given : new String[] {"faithful", "faithful:1000", "spin:1000us", "spin:160us", " spin:4ms "}) {
            assertEquals(Workload.parse(given).spec(), WorkloadSpec.parse(given).toString(), given);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
