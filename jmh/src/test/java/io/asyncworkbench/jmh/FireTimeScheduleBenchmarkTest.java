package io.asyncworkbench.jmh;

import io.asyncworkbench.load.FireSchedule;
import org.junit.jupiter.api.Test;

import static io.asyncworkbench.jmh.FireTimeScheduleBenchmark.NANOS_PER_SECOND;
import static io.asyncworkbench.jmh.FireTimeScheduleBenchmark.RATE_RPS;
import static io.asyncworkbench.jmh.FireTimeScheduleBenchmark.fireTimeFromIndexExactNanos;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The worked example of the class Javadoc: 30,000 req/s for ten minutes is 18 million requests. */
class FireTimeScheduleBenchmarkTest {

    private static final long TEN_MINUTES_OF_REQUESTS = RATE_RPS * 600;

    @Test
    void shouldBeExactlyOnSchedule_whenTheFireTimeComesFromTheIndex() {
        FireSchedule schedule = FireTimeScheduleBenchmark.schedule(RATE_RPS);
        long last = 0;
        for (long i = 0; i < TEN_MINUTES_OF_REQUESTS; i++) {
            last = schedule.nextNanos();
        }
        assertEquals(600 * NANOS_PER_SECOND, last);
        assertEquals(600 * NANOS_PER_SECOND, fireTimeFromIndexExactNanos(TEN_MINUTES_OF_REQUESTS, RATE_RPS));
    }

    @Test
    void shouldRunSixMillisecondsAhead_whenAWholeNanosecondPeriodIsAccumulated() {
        long periodNanos = NANOS_PER_SECOND / RATE_RPS;
        long nextFireTimeNanos = 0;
        for (long i = 0; i < TEN_MINUTES_OF_REQUESTS; i++) {
            nextFireTimeNanos += periodNanos;
        }
        assertEquals(6_000_000, 600 * NANOS_PER_SECOND - nextFireTimeNanos);
    }

    @Test
    void shouldAgree_whenComputedByTheGeneratorsScheduleOrInIntegers() {
        FireSchedule schedule = FireTimeScheduleBenchmark.schedule(7_919);
        for (long index = 1; index <= 1_000_000; index++) {
            assertEquals(fireTimeFromIndexExactNanos(index, 7_919), schedule.nextNanos(), "index " + index);
        }
    }
}
