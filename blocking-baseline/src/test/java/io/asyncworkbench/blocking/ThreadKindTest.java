package io.asyncworkbench.blocking;

import io.asyncworkbench.metrics.ServerMetrics;
import io.asyncworkbench.metrics.ThreadMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ThreadKindTest {

    @Test
    void shouldParseEitherKind_whenCaseOrSpacesDiffer() {
        assertEquals(ThreadKind.PLATFORM, ThreadKind.parse("platform"));
        assertEquals(ThreadKind.VIRTUAL, ThreadKind.parse(" Virtual "));
    }

    @Test
    void shouldNameTheChoices_whenTheKindIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThreadKind.parse("green"));
        assertEquals("unknown thread kind 'green' (expected platform or virtual)", e.getMessage());
    }

    @Test
    void shouldBoundConnectionsByThePool_onlyForPlatformThreads() {
        assertEquals(50, ThreadKind.PLATFORM.maxConnections(50));
        assertEquals(50, ThreadKind.PLATFORM.runningThreads(50));
        assertEquals(Integer.MAX_VALUE, ThreadKind.VIRTUAL.maxConnections(50));
        assertEquals(Runtime.getRuntime().availableProcessors(), ThreadKind.VIRTUAL.runningThreads(50));
    }

    @Test
    void shouldRunConnectionsOnTheChosenKindOfThread() throws Exception {
        for (ThreadKind kind : ThreadKind.values()) {
            ExecutorService executor = kind.newExecutor(2);
            try {
                Future<Thread> thread = executor.submit(Thread::currentThread);
                assertEquals(kind == ThreadKind.VIRTUAL, thread.get().isVirtual(), kind.label());
                assertTrue(thread.get().getName().startsWith("conn-"), thread.get().getName());
            } finally {
                executor.shutdownNow();
            }
        }
    }

    @Test
    void shouldShareOneMetricsSeries_onlyForVirtualThreads() throws Exception {
        for (ThreadKind kind : ThreadKind.values()) {
            ServerMetrics metrics = kind.newMetrics(Map.of("stage", "test"));
            ThreadMetrics mine = metrics.forCurrentThread();
            AtomicReference<ThreadMetrics> others = new AtomicReference<>();
            Thread.ofPlatform().name("other").start(() -> others.set(metrics.forCurrentThread())).join();
            assertEquals(kind == ThreadKind.VIRTUAL, mine == others.get(), kind.label());
        }
    }
}
