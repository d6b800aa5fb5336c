package io.asyncworkbench.run;

import io.asyncworkbench.run.SustainableRate.Point;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SustainableRateTest {

    private static final double BOUND_MS = 10;

    @Test
    void shouldFindTheHighestSustainedRate_whenTheSweepPassesTheKnee() {
        List<Point> sweep = List.of(
                new Point(4000, 4000, 0.8),
                new Point(5000, 4990, 1.2),
                new Point(6000, 5900, 2.5),
                new Point(7000, 6050, 400));
        assertEquals(OptionalDouble.of(5000), SustainableRate.find(sweep, BOUND_MS));
    }

    @Test
    void shouldSustain_whenAchievedIsExactly99PercentOfOffered() {
        assertTrue(SustainableRate.sustains(new Point(1000, 990, 1), BOUND_MS));
        assertFalse(SustainableRate.sustains(new Point(1000, 989.9, 1), BOUND_MS));
    }

    @Test
    void shouldNotSustain_whenP99ExceedsTheBoundThoughTheRateKeptUp() {
        assertTrue(SustainableRate.sustains(new Point(1000, 1000, BOUND_MS), BOUND_MS));
        assertFalse(SustainableRate.sustains(new Point(1000, 1000, BOUND_MS + 0.001), BOUND_MS));
    }

    @Test
    void shouldTakeTheHighestSustainedStep_whenALowerStepFailedOnNoise() {
        List<Point> sweep = List.of(new Point(1000, 1000, 1), new Point(2000, 1500, 1), new Point(3000, 3000, 1));
        assertEquals(OptionalDouble.of(3000), SustainableRate.find(sweep, BOUND_MS));
    }

    @Test
    void shouldFindNothing_whenNoStepWasSustainedOrAValueIsMissing() {
        assertEquals(OptionalDouble.empty(), SustainableRate.find(List.of(new Point(1000, 500, 1)), BOUND_MS));
        assertEquals(OptionalDouble.empty(), SustainableRate.find(List.of(new Point(1000, 1000, Double.NaN)), BOUND_MS));
        assertEquals(OptionalDouble.empty(), SustainableRate.find(List.of(new Point(Double.NaN, 1000, 1)), BOUND_MS));
        assertEquals(OptionalDouble.empty(), SustainableRate.find(List.of(), BOUND_MS));
    }

    @Test
    void shouldCallTheRepetitionsSplit_whenOneStalledAndTheOthersHeld() {
        // Run 4's 2-thread reuseport server at 1,000 req/s: two repetitions stalled, one held (bound 30 ms).
        List<Point> stalled = List.of(new Point(1000, 1000, 2.1), new Point(1000, 998, 420), new Point(1000, 999, 162));
        assertEquals(SustainableRate.Agreement.SPLIT, SustainableRate.agreement(stalled, 30));
        assertEquals(SustainableRate.Agreement.ALL, SustainableRate.agreement(List.of(new Point(1000, 1000, 2.1), new Point(1000, 999, 2.5)), 30));
        assertEquals(SustainableRate.Agreement.NONE, SustainableRate.agreement(List.of(new Point(1000, 900, 2.1), new Point(1000, 999, 31)), 30));
    }
}
