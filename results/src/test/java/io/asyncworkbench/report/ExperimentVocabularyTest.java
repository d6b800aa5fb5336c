package io.asyncworkbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every metric the experiment definitions publish or compare (the {@code experiments} module's {@code experiments/*.json},
 * copied into each run's {@code meta.json}) is one the report computes, so no published figure
 * meets "not computed" beside it. A figure for a series not run here ({@code "series": null}) is
 * exempt.
 */
class ExperimentVocabularyTest {

    private static final Path DEFINITIONS = Path.of("../experiments/src/main/resources/experiments");

    @Test
    void shouldComputeEveryPublishedMetric_whenAnExperimentDefinitionNamesIt() throws IOException {
        assertTrue(Files.isDirectory(DEFINITIONS), "run from the results module: " + DEFINITIONS.toAbsolutePath());
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(DEFINITIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode definition = new ObjectMapper().readTree(file.toFile());
                for (JsonNode entry : definition.path("published")) {
                    if (!entry.path("series").isNull()) {
                        checked++;
                        check(file, entry.path("metric").asText(), unknown);
                    }
                }
                for (JsonNode ratio : definition.path("ratios")) {
                    checked++;
                    check(file, ratio.path("metric").asText(), unknown);
                }
            }
        }
        assertTrue(checked > 10, "the definitions were read: " + checked);
        assertEquals(List.of(), unknown);
    }

    @Test
    void shouldNotKnowAMetric_whenItIsSpelledAnotherWay() {
        assertTrue(ReproducedMetrics.knows("error rate % at 2000 users"));
        assertFalse(ReproducedMetrics.knows("error rate at 2,000 users"));
        assertFalse(ReproducedMetrics.knows("connections before exhaustion"));
    }

    private static void check(Path file, String metric, List<String> unknown) {
        if (!ReproducedMetrics.knows(metric)) {
            unknown.add(file.getFileName() + ": " + metric);
        }
    }
}
