package io.asyncworkbench.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadSpecTest {

    @Test
    void shouldSpellEveryWorkloadOneWay_whenItCanBeWrittenSeveral() {
        assertEquals("faithful:100", WorkloadSpec.parse("faithful").toString());
        assertEquals(WorkloadSpec.parse("faithful"), WorkloadSpec.parse("faithful:100"));
        assertEquals("spin:1ms", WorkloadSpec.parse("spin:1000us").toString());
        assertEquals(new WorkloadSpec(0, Duration.ofMillis(4)), WorkloadSpec.parse(" spin:4ms "));
    }

    @Test
    void shouldSayWhatIsWrong_whenTheValueIsNotAWorkload() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WorkloadSpec.parse("nope")).getMessage()
                .contains("expected faithful[:iterations] or spin:<duration>"));
        assertEquals("spin needs a CPU time, e.g. spin:4ms",
                assertThrows(IllegalArgumentException.class, () -> WorkloadSpec.parse("spin")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> WorkloadSpec.parse("faithful:0"));
    }
}
