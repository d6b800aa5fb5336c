package io.asyncworkbench.load;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class ArrivalClockTest {

    private static final long US = 1_000;
    private static final long ARRIVAL = 1_000 * US;
    /** A loop for the clock to schedule its wake-ups on; the tests report the wake-ups themselves. */
    private static final EventLoop LOOP = new DefaultEventLoop();

    @AfterAll
    static void shutDown() {
        LOOP.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static ArrivalClock clock() {
        return new ArrivalClock(LOOP, () -> { });
    }

    /** Waits for an arrival far ahead, so the timer is asked for it, and reports the timer {@code lateNanos} late. */
    private static void wake(ArrivalClock clock, long arrival, long lateNanos) {
        long now = arrival - 10 * ArrivalClock.MAX_LEAD_NANOS;
        assertEquals(ArrivalClock.SCHEDULED, clock.await(arrival, now, true));
        clock.woke(clock.wakeAt(arrival) + lateNanos);
    }

    @Test
    void shouldAskTheTimerForTheLeadBeforeTheArrival() {
        ArrivalClock clock = clock();

        assertEquals(ArrivalClock.INITIAL_LEAD_NANOS, clock.leadNanos());
        assertEquals(ARRIVAL - ArrivalClock.INITIAL_LEAD_NANOS, clock.wakeAt(ARRIVAL));
    }

    @Test
    void shouldRaiseTheLeadNineSteps_whenTheTimerWokeLaterThanTheLead() {
        ArrivalClock clock = clock();

        wake(clock, ARRIVAL, ArrivalClock.INITIAL_LEAD_NANOS + 1);

        assertEquals(ArrivalClock.INITIAL_LEAD_NANOS + 9 * ArrivalClock.STEP_NANOS, clock.leadNanos());
    }

    @Test
    void shouldLowerTheLeadOneStep_whenTheTimerWokeWithinTheLead() {
        ArrivalClock clock = clock();

        wake(clock, ARRIVAL, ArrivalClock.INITIAL_LEAD_NANOS);

        assertEquals(ArrivalClock.INITIAL_LEAD_NANOS - ArrivalClock.STEP_NANOS, clock.leadNanos());
    }

    @Test
    void shouldLeaveTheLead_whenTheLoopWokeWithoutAPendingTimer() {
        ArrivalClock clock = clock();

        clock.woke(5_000 * US); // the first call, from start(): no timer was set
        wake(clock, ARRIVAL, 0);
        clock.woke(9_000 * US); // the same timer cannot be counted twice

        assertEquals(ArrivalClock.INITIAL_LEAD_NANOS - ArrivalClock.STEP_NANOS, clock.leadNanos());
    }

    @Test
    void shouldSettleNearTheNinetiethPercentileOfLateness_whenTheTimerIsFiftyToSixtyMicrosecondsLate() {
        ArrivalClock clock = clock();
        long sum = 0;

        // Lateness cycles through 50, 51, ... 59 us: 9 in 10 wake-ups are at most 58 us late.
        for (int i = 0; i < 10_000; i++) {
            wake(clock, i * 500 * US, (50 + i % 10) * US);
            sum += i >= 9_000 ? clock.leadNanos() : 0;
        }

        long meanLead = sum / 1_000;
        assertTrue(meanLead >= 55 * US && meanLead <= 65 * US, "mean lead " + meanLead);
    }

    @Test
    void shouldKeepTheLeadWithinItsBounds_whenTheTimerIsAlwaysVeryLateOrNeverLate() {
        ArrivalClock late = clock();
        ArrivalClock onTime = clock();

        for (int i = 0; i < 1_000; i++) {
            wake(late, i * 500 * US, 10_000 * US); // a 10 ms stall each time
            wake(onTime, i * 500 * US, -5 * US);
        }

        assertEquals(ArrivalClock.MAX_LEAD_NANOS, late.leadNanos());
        assertEquals(0, onTime.leadNanos());
    }

    @Test
    void shouldSpinToTheArrival_whenItIsWithinTheLeadOfTheFirstArrivalOfAWakeUp() {
        ArrivalClock clock = clock();
        long now = System.nanoTime();
        long arrival = now + ArrivalClock.INITIAL_LEAD_NANOS / 2;

        assertTrue(clock.await(arrival, now, true) >= arrival);
    }

    @Test
    void shouldLeaveTheArrivalToTheTimerWithoutLead_whenALaterArrivalOfAWakeUpIsWithinTheLead() throws InterruptedException {
        CountDownLatch woken = new CountDownLatch(1);
        ArrivalClock clock = new ArrivalClock(LOOP, woken::countDown);
        long now = System.nanoTime();
        long arrival = now + ArrivalClock.INITIAL_LEAD_NANOS / 2;

        assertEquals(ArrivalClock.SCHEDULED, clock.await(arrival, now, false));
        assertTrue(woken.await(5, TimeUnit.SECONDS), "the timer runs the wake task");
        // Asked for the arrival itself: waking right at it was on time, so the lead comes down.
        clock.woke(arrival);
        assertEquals(ArrivalClock.INITIAL_LEAD_NANOS - ArrivalClock.STEP_NANOS, clock.leadNanos());
    }
}
