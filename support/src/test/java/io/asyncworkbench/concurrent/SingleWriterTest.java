package io.asyncworkbench.concurrent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SingleWriterTest {

    @Test
    void aReaderSeesEveryIncrementOfTheOneWriterOnceItHasFinished() throws InterruptedException {
        AtomicLong counter = new AtomicLong();
        AtomicLongArray slots = new AtomicLongArray(3);
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 100_000; i++) {
                SingleWriter.increment(counter);
                SingleWriter.increment(slots, i % 3);
            }
        });
        writer.start();
        writer.join();
        assertEquals(100_000, counter.get());
        assertEquals(33_334, slots.get(0));
        assertEquals(33_333, slots.get(1));
        assertEquals(33_333, slots.get(2));
    }
}
