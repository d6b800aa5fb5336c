package io.asyncworkbench.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpreadTest {

    @Test
    void shouldTakeTheMiddleValue_andTheExtremes() {
        assertEquals(new Spread(5312, 5250, 5375, 3), Spread.of(5375, 5250, 5312));
        assertEquals(new Spread(2.5, 1, 4, 4), Spread.of(List.of(4.0, 1.0, 2.0, 3.0)));
    }

    @Test
    void shouldLeaveOutMissingValues() {
        assertEquals(new Spread(2, 1, 3, 2), Spread.of(1, Double.NaN, 3));
        assertTrue(Double.isNaN(Spread.of(Double.NaN).median()));
        assertEquals(0, Spread.of().count());
    }

    @Test
    void shouldFlagRepetitionsThatDisagreeByMoreThanTheTolerance() {
        assertFalse(Spread.of(100, 102, 104.9).disagrees(Spread.TOLERANCE));
        assertTrue(Spread.of(100, 102, 107.2).disagrees(Spread.TOLERANCE), "7% apart");
        assertFalse(Spread.of(Double.NaN).disagrees(Spread.TOLERANCE), "nothing to disagree about");
    }

    @Test
    void shouldHoldTheHeadline_inTheRangeOfItsRepetitions() {
        assertEquals(new Spread(5380, 5250, 5440, 3), Spread.around(5380, 5250, 5440, 5380));
        assertEquals(new Spread(5380, 5380, 5440, 2), Spread.around(5380, 5400, 5440), "the headline widens the range");
        assertEquals(new Spread(7, 7, 7, 1), Spread.around(7, Double.NaN));
        assertTrue(Double.isNaN(Spread.around(Double.NaN, 1, 2).median()));
    }

    @Test
    void shouldWriteTheMedianWithItsRange() {
        assertEquals("5312 (5250–5375)", Spread.of(5375, 5250, 5312).describe(v -> String.valueOf((long) v)));
        assertEquals("7", Spread.of(7, 7, 7).describe(v -> String.valueOf((long) v)));
    }
}
