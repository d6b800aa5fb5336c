package io.asyncworkbench.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which rates the percentile figure draws: the knee, the two sustained rates below it, the first above. */
class PercentileFigureTest {

    private static final List<Step> SWEEP = Arrays.stream(new double[] {1000, 2000, 3000, 4000, 5000, 6000})
            .mapToObj(rate -> new Step("s", (int) rate / 1000, 1, "sweep", "open", false, Map.of("offered_rps", rate)))
            .toList();

    @Test
    void shouldDrawTheKneeWithTwoRatesBelowAndOneAbove() {
        assertEquals(List.of(2000.0, 3000.0, 4000.0, 5000.0), offered(PercentileFigure.aroundTheKnee(SWEEP, OptionalDouble.of(4000))));
    }

    @Test
    void shouldDrawWhatThereIs_atTheEdgesOfTheSweep() {
        assertEquals(List.of(1000.0, 2000.0), offered(PercentileFigure.aroundTheKnee(SWEEP, OptionalDouble.of(1000))));
        assertEquals(List.of(4000.0, 5000.0, 6000.0), offered(PercentileFigure.aroundTheKnee(SWEEP, OptionalDouble.of(6000))));
        assertEquals(List.of(1000.0, 2000.0, 3000.0, 4000.0), offered(PercentileFigure.aroundTheKnee(SWEEP, OptionalDouble.empty())),
                "no knee: the lowest rates");
    }

    private static List<Double> offered(List<Step> steps) {
        return steps.stream().map(Step::offeredRps).toList();
    }
}
