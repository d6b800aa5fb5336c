package io.asyncworkbench.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingQueueTest {

    @Test
    void shouldKeepOrder_whenItGrowsWhileWrappedAround() {
        PendingQueue queue = new PendingQueue();
        long next = 0;
        long expected = 0;
        // Wrap the head past the end of the first array, then grow it several times.
        for (int i = 0; i < 50; i++) {
            queue.add(next++, (int) next);
        }
        for (int i = 0; i < 40; i++) {
            assertEquals(expected++, queue.peekIntended());
            queue.remove();
        }
        for (int i = 0; i < 1000; i++) {
            queue.add(next++, (int) next);
        }
        assertEquals(1010, queue.size());
        while (!queue.isEmpty()) {
            assertEquals(expected, queue.peekIntended());
            assertEquals((int) expected + 1, queue.peekRemaining());
            expected++;
            queue.remove();
        }
        assertEquals(next, expected);
        assertTrue(queue.isEmpty());
    }
}
