package io.asyncworkbench.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Our values of the published metrics, from the fixture runs whose numbers are known. */
@Timeout(30)
class ReproducedMetricsTest {

    @TempDir
    static Path root;
    static Run book;
    static Run ports;

    @BeforeAll
    static void load() throws IOException, DamagedRunException {
        Path runs = FixtureRuns.copyTo(root, List.of("book-blocking-vs-async", "ephemeral-ports"));
        book = Run.load(FixtureRuns.onlyRun(runs.resolve("book-blocking-vs-async")));
        ports = Run.load(FixtureRuns.onlyRun(runs.resolve("ephemeral-ports")));
    }

    @Test
    void shouldReadTheStepWithThoseUsers_whenTheMetricNamesAUserCount() {
        assertEquals(64.0, ReproducedMetrics.value(book, "async", "p99 ms at 250 users"));
        assertEquals(10_400.0, ReproducedMetrics.value(book, "async", "req/s at 250 users"));
        assertEquals(21.0, ReproducedMetrics.value(book, "blocking-platform", "error rate % at 2000 users"), 0.001);
        assertEquals(Double.NaN, ReproducedMetrics.value(book, "async", "p99 ms at 251 users"));
    }

    @Test
    void shouldTakeTheHighestAchievedRate_whenAskedForThePeak() {
        assertEquals(10_400.0, ReproducedMetrics.value(book, "async", "peak req/s"));
        assertEquals(10_400.0 / 4_100.0, ComparisonTables.reproduced(book, book.meta().ratios().getFirst()), 1e-9);
    }

    @Test
    void shouldCountConnectionsUpToTheStepThatRanOut_whenPortsWereExhausted() {
        assertEquals(28_230.0, ReproducedMetrics.value(ports, "one-source", "connections before EADDRNOTAVAIL"));
        assertEquals("never ran out (116,856 made)",
                ReproducedMetrics.describe(ports, "eight-sources", "connections before EADDRNOTAVAIL"));
    }

    @Test
    void shouldSayNotComputed_whenTheMetricIsUnknown() {
        assertEquals("not computed", ReproducedMetrics.describe(book, "async", "furlongs per fortnight"));
        assertEquals("14.0%", ReproducedMetrics.format("error rate % at 2000 users", 14));
        assertEquals("yes", ReproducedMetrics.format("reconnect succeeded", 1));
    }
}
