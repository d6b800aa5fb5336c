package io.asyncworkbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A published figure explained by a series that gives our server the source server's property. */
@Timeout(30)
class ComparisonTablesTest {

    private static Run book(Path dir) throws Exception {
        Path runs = FixtureRuns.copyTo(dir, List.of("book-blocking-vs-async"));
        return Run.load(FixtureRuns.onlyRun(runs.resolve("book-blocking-vs-async")));
    }

    @Test
    void shouldPutThePublishedFigureOursAndOursWithTheProperty_sideBySide(@TempDir Path dir) throws Exception {
        Run run = book(dir);
        // The fixture has no series with the property, so a series it has stands in for one.
        List<Block> blocks = ComparisonTables.mismatches(run, List.of(
                new ExperimentDeclaration.Mismatch("blocking-platform", "error rate % at 2000 users", "async", "no threads to run out of"),
                new ExperimentDeclaration.Mismatch("async", "error rate % at 2000 users", "async-backlog-128", "a backlog of 128")));
        Block.Table table = (Block.Table) blocks.get(1);
        List<String> explained = table.rows().get(0);
        assertEquals("52.0%", explained.get(1), "the book's figure");
        assertEquals(ReproducedMetrics.describe(run, "blocking-platform", "error rate % at 2000 users"), explained.get(2));
        assertEquals("no threads to run out of", explained.get(3));
        assertEquals(ReproducedMetrics.describe(run, "async", "error rate % at 2000 users") + " (`async`)", explained.get(4));
        assertEquals("not in this run", table.rows().get(1).get(4), "a run made before the series existed");
        assertTrue(ComparisonTables.mismatches(run, List.of()).isEmpty(), "nothing declared, nothing shown");
    }

    @Test
    void shouldNameTheMissingField_whenAMismatchIsIncomplete() {
        BadDeclarationException e = assertThrows(BadDeclarationException.class, () -> ExperimentDeclaration.parse("x.json",
                "{\"mismatches\": [{\"series\": \"a\", \"metric\": \"peak req/s\", \"property\": \"p\"}]}"));
        assertTrue(e.getMessage().startsWith("x.json: mismatches[0]"), e.getMessage());
    }
}
