package io.asyncworkbench.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FireScheduleTest {

    private static List<Long> all(FireSchedule schedule) {
        List<Long> times = new ArrayList<>();
        for (long t; (t = schedule.nextNanos()) != FireSchedule.DONE; ) {
            times.add(t);
        }
        return times;
    }

    @Test
    void shouldHoldExactlyThreeThousandArrivals_atOneThousandPerSecondForThreeSeconds() {
        List<Long> times = all(FireSchedule.ofPhases(List.of(new Phase(Duration.ofSeconds(3), 1000, 0)), 0, 1));

        assertEquals(3000, times.size());
        assertEquals(1_000_000L, times.get(0));
        assertEquals(3_000_000_000L, times.get(2999));
    }

    @Test
    void shouldComputeEachTimeFromItsIndex_soThatAnAwkwardRateDoesNotDrift() {
        List<Long> times = all(FireSchedule.ofPhases(List.of(new Phase(Duration.ofSeconds(1000), 3, 0)), 0, 1));

        assertEquals(3000, times.size());
        assertEquals(List.of(333_333_334L, 666_666_667L, 1_000_000_000L), times.subList(0, 3));
        // Adding a rounded 333,333,333 ns interval 3,000 times would end 1 us early; the index lands exactly.
        assertEquals(1_000_000_000_000L, times.get(2999));
    }

    @Test
    void shouldSplitOneScheduleAcrossLoops_withoutLosingOrRepeatingAnArrival() {
        List<Phase> phases = List.of(new Phase(Duration.ofMillis(100), 1000, 0));
        List<Long> single = all(FireSchedule.ofPhases(phases, 0, 1));
        List<Long> merged = new ArrayList<>();
        for (int loop = 0; loop < 3; loop++) {
            merged.addAll(all(FireSchedule.ofPhases(phases, loop, 3)));
        }
        merged.sort(null);

        assertEquals(single, merged);
        assertEquals(List.of(2_000_000L, 5_000_000L), all(FireSchedule.ofPhases(phases, 1, 3)).subList(0, 2));
    }

    @Test
    void shouldRestartTheIndexAtEachPhase_andPauseInAPhaseOfRateZero() {
        FireSchedule schedule = FireSchedule.ofPhases(List.of(
                new Phase(Duration.ofSeconds(1), 2, 0),
                new Phase(Duration.ofSeconds(1), 0, 0),
                new Phase(Duration.ofSeconds(1), 4, 0)), 0, 1);

        List<Long> times = new ArrayList<>();
        List<Integer> phases = new ArrayList<>();
        for (long t; (t = schedule.nextNanos()) != FireSchedule.DONE; ) {
            times.add(t);
            phases.add(schedule.phase());
        }
        assertEquals(List.of(500_000_000L, 1_000_000_000L, 2_250_000_000L, 2_500_000_000L, 2_750_000_000L, 3_000_000_000L), times);
        assertEquals(List.of(0, 0, 2, 2, 2, 2), phases);
    }

    @Test
    void shouldSpreadUsersEvenlyOverTheRamp_firstAtZero() {
        assertEquals(List.of(0L, 100_000_000L, 200_000_000L, 300_000_000L, 400_000_000L),
                all(FireSchedule.evenly(10, 1_000_000_000L, 0, 1)).subList(0, 5));
        assertEquals(10, all(FireSchedule.evenly(10, 1_000_000_000L, 0, 1)).size());
        assertEquals(List.of(100_000_000L, 400_000_000L, 700_000_000L), all(FireSchedule.evenly(10, 1_000_000_000L, 1, 3)));
        assertEquals(List.of(0L, 0L, 0L), all(FireSchedule.evenly(3, 0, 0, 1)));
    }
}
