package io.asyncworkbench.experiment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EtaTest {

    private static final long MINUTE = 60_000_000_000L;

    @Test
    void shouldScaleTheTimeSoFar_byTheStepsLeft() {
        Eta eta = new Eta(0, 40);
        assertEquals("", eta.left(MINUTE), "no step done: no estimate");
        for (int i = 0; i < 12; i++) {
            eta.stepDone();
        }
        assertEquals(" (about 7 min left)", eta.left(3 * MINUTE));
    }

    @Test
    void shouldCountInSeconds_whenLittleIsLeft_andStopAtTheEnd() {
        Eta eta = new Eta(0, 3);
        eta.stepDone();
        eta.stepDone();
        assertEquals(" (about 30 s left)", eta.left(MINUTE));
        eta.stepDone();
        assertEquals("", eta.left(MINUTE + MINUTE / 2));
    }
}
