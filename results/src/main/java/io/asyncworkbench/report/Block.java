package io.asyncworkbench.report;

import java.util.List;

/**
 * The report as a list of blocks, built once and written twice: as Markdown
 * ({@link MarkdownWriter}, {@code results/README.md}) and as HTML ({@link HtmlWriter},
 * {@code results/index.html}). Text may hold {@code `code`} spans; everything else is plain text,
 * escaped by each writer.
 */
sealed interface Block {

    /** A heading; {@code id} is its anchor in the HTML page. */
    record Heading(int level, String text, String id) implements Block {
    }

    /** A paragraph of text. */
    record Paragraph(String text) implements Block {
    }

    /** A table; {@code numeric} columns are right-aligned. */
    record Table(List<String> header, List<Boolean> numeric, List<List<String>> rows) implements Block {

        public Table {
            if (header.size() != numeric.size() || rows.stream().anyMatch(r -> r.size() != header.size())) {
                throw new IllegalArgumentException("a table row does not match its header " + header);
            }
        }
    }

    /**
     * A figure: its PNG (a path relative to the output folder, and its bytes, which the HTML page
     * embeds), a short alternative text (its title), the caption, and the path of the CSV behind it.
     */
    record Image(String pngPath, byte[] png, String alt, String caption, String csvPath) implements Block {
    }
}
