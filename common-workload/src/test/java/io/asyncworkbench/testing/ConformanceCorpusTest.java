package io.asyncworkbench.testing;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The corpus file itself: it parses, its ids are unique, and docs/http-conformance.md names every one. */
class ConformanceCorpusTest {

    private static final Path DOC = Path.of("../docs/http-conformance.md");

    @Test
    void line_shouldParseIntoStatusesCloseAndBytes() {
        ConformanceCorpus.Case c = ConformanceCorpus.parse("x-1 | 100 200 | open | GET / HTTP/1.1\\r\\nX: caf\\xe9\\0\\r\\n\\r\\n");
        assertEquals("x-1", c.id());
        assertEquals(List.of(100, 200), c.statuses());
        assertEquals(List.of(100, 200, 200), c.expected(), "an open case is followed by a probe that gets 200");
        assertEquals("GET / HTTP/1.1\r\nX: caf\u00e9\0\r\n\r\n", c.request());
    }

    @Test
    void everyCase_shouldHaveAUniqueId_andARowInTheDoc() throws Exception {
        List<ConformanceCorpus.Case> cases = ConformanceCorpus.load();
        assertTrue(cases.size() > 50, "cases: " + cases.size());
        assertEquals(cases.size(), new HashSet<>(cases.stream().map(ConformanceCorpus.Case::id).toList()).size(), "ids repeat");
        String doc = Files.readString(DOC);
        List<String> missing = cases.stream().map(ConformanceCorpus.Case::id).filter(id -> !doc.contains("`" + id + "`")).toList();
        assertEquals(List.of(), missing, "corpus cases without a rule in " + DOC);
    }
}
