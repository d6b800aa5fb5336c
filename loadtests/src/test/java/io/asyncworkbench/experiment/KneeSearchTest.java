package io.asyncworkbench.experiment;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KneeSearchTest {

    private static final List<Double> COARSE = List.of(1000.0, 2000.0, 3000.0, 4000.0, 5000.0, 6000.0, 7000.0, 8000.0);

    /** Runs the search against a synthetic server that sustains exactly the rates {@code holds} accepts. */
    private static List<Double> search(KneeSearch search, DoublePredicate holds) {
        List<Double> asked = new ArrayList<>();
        boolean refining = false;
        for (OptionalDouble next = search.next(); next.isPresent(); next = search.next()) {
            assertTrue(asked.size() < 50, "the search ends");
            assertFalse(refining && search.sweeping(), "once refining, it does not sweep again");
            refining = !search.sweeping();
            asked.add(next.getAsDouble());
            search.record(next.getAsDouble(), holds.test(next.getAsDouble()));
        }
        return asked;
    }

    @Test
    void shouldSweepThenBisect_untilTheKneeIsKnownWithinTwoPercent() {
        KneeSearch search = new KneeSearch(COARSE);

        List<Double> asked = search(search, rate -> rate <= 5400);

        assertEquals(List.of(1000.0, 2000.0, 3000.0, 4000.0, 5000.0, 6000.0, 7000.0, 5500.0, 5250.0, 5380.0, 5440.0), asked);
        assertEquals(OptionalDouble.of(5380), search.knee());
        assertTrue((5440 - 5380) / 5380.0 <= KneeSearch.RESOLUTION);
    }

    @Test
    void shouldFindTheKnee_wherever_itLiesInTheSweep() {
        for (double knee : new double[] {1234, 2999, 4500, 7777}) {
            KneeSearch search = new KneeSearch(COARSE);
            search(search, rate -> rate <= knee);
            double found = search.knee().orElseThrow();
            assertTrue(found <= knee && found >= knee * (1 - KneeSearch.RESOLUTION), "knee " + knee + ", found " + found);
        }
    }

    @Test
    void shouldKeepAHigherSustainedRate_whenALowerStepFailedByNoise() {
        KneeSearch search = new KneeSearch(COARSE);

        search(search, rate -> rate != 2000 && rate <= 4100);

        assertTrue(search.knee().orElseThrow() >= 4100 * (1 - KneeSearch.RESOLUTION));
    }

    @Test
    void shouldSayWhenNothingHeld_orWhenTheKneeIsAboveTheSweep() {
        KneeSearch none = new KneeSearch(COARSE);
        assertEquals(List.of(1000.0, 2000.0), search(none, rate -> false));
        assertEquals(OptionalDouble.empty(), none.knee());

        KneeSearch all = new KneeSearch(COARSE);
        assertEquals(COARSE, search(all, rate -> true));
        assertTrue(all.kneeAboveSweep());
        assertFalse(none.kneeAboveSweep());
    }

    @Test
    void shouldRoundProbesToNumbersAPersonReads() {
        assertEquals(5380, KneeSearch.round(5375, 5250));
        assertEquals(137, KneeSearch.round(137.4, 120));
    }
}
