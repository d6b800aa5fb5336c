package io.asyncworkbench.experiment;

import io.asyncworkbench.experiment.Steadiness.Round;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SteadinessTest {

    private static Round quiet(double rps, double p99) {
        return new Round(2, rps, p99, 0, 0);
    }

    @Test
    void shouldWaitForThreeRounds() {
        assertFalse(Steadiness.steady(List.of(quiet(1000, 0.6), quiet(1000, 0.6))));
        assertTrue(Steadiness.steady(List.of(quiet(1000, 0.6), quiet(1000, 0.6), quiet(1000, 0.6))));
    }

    @Test
    void shouldEndTheWorkedExampleAtRoundFive() {
        List<Round> rounds = List.of(new Round(2, 1000, 2.9, 410, 380), new Round(2, 1000, 1.1, 120, 60),
                new Round(2, 1000, 0.62, 0, 10), quiet(1000, 0.58), quiet(1000, 0.66));
        List<Integer> steadyAfter = new ArrayList<>();
        for (int n = 1; n <= rounds.size(); n++) {
            if (Steadiness.steady(rounds.subList(0, n))) {
                steadyAfter.add(n);
            }
        }
        assertEquals(List.of(5), steadyAfter);
    }

    @Test
    void shouldNotBeSteady_whileEitherJitCompiles() {
        assertFalse(Steadiness.steady(List.of(quiet(1000, 0.6), quiet(1000, 0.6), new Round(2, 1000, 0.6, 50, 0))), "server");
        assertFalse(Steadiness.steady(List.of(quiet(1000, 0.6), quiet(1000, 0.6), new Round(2, 1000, 0.6, 0, 50))), "generator");
    }

    @Test
    void shouldNotBeSteady_whileRateOrP99StillMove() {
        assertFalse(Steadiness.steady(List.of(quiet(900, 0.6), quiet(950, 0.6), quiet(1000, 0.6))), "rate climbs 10%");
        assertFalse(Steadiness.steady(List.of(quiet(1000, 12), quiet(1000, 6), quiet(1000, 3))), "p99 halves each round");
        assertTrue(Steadiness.steady(List.of(quiet(1000, 0.3), quiet(1000, 0.7), quiet(1000, 0.5))),
                "sub-millisecond p99s within the floor");
        assertFalse(Steadiness.steady(List.of(quiet(0, 0), quiet(0, 0), quiet(0, 0))), "nothing answered");
    }
}
