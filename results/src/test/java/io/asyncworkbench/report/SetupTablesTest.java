package io.asyncworkbench.report;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SetupTablesTest {

    @Test
    void emfileLinesShowEachPhaseAsItsMedianStepWithTheRange() {
        Map<String, List<Long>> byPhase = new LinkedHashMap<>();
        byPhase.put("idle-storm", List.of(1L, 1L, 1L));
        byPhase.put("load-storm", List.of(3L, 1L, 2L));
        assertEquals("idle-storm 1, load-storm 2 (1–3)", SetupTables.fdLogLines(byPhase));
    }

    @Test
    void aSeriesWithoutTheCountShowsNone() {
        assertEquals(Numbers.NONE, SetupTables.fdLogLines(null));
        assertEquals(Numbers.NONE, SetupTables.fdLogLines(Map.of()));
    }
}
