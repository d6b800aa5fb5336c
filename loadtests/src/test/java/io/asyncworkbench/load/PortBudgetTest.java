package io.asyncworkbench.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortBudgetTest {

    @Test
    void shouldReadTheSizeOfLinuxsDefaultPortRange() {
        assertEquals(28_232, PortBudget.rangeSize("32768\t60999\n"));
        assertEquals(1, PortBudget.rangeSize("5000 5000"));
    }

    @Test
    void shouldDivideThePortsByTimeWait_timesTheSourceAddresses() {
        assertEquals(28_232 / 60.0, new PortBudget(28_232, 1, 60, "2").connectionsPerSecond(), 1e-9);
        assertEquals(8 * 28_232 / 60.0, new PortBudget(28_232, 8, 60, "2").connectionsPerSecond(), 1e-9);
    }

    @Test
    void shouldWarn_onlyWhenThePlannedRateExceedsTheBudget() {
        PortBudget oneAddress = new PortBudget(28_232, 1, 60, "2");

        assertTrue(oneAddress.warning(400).isEmpty());
        String warning = oneAddress.warning(800).orElseThrow();
        assertTrue(warning.startsWith("800 new connections/s exceed the ephemeral port budget of ~471/s (28,232 local ports x 1 source address / 60 s"), warning);
        assertTrue(warning.contains("--source-addresses 127.0.0.2-127.0.0.9"), warning);
        assertTrue(new PortBudget(28_232, 8, 60, "2").warning(800).isEmpty());
    }
}
