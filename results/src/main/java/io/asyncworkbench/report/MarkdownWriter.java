package io.asyncworkbench.report;

import java.util.List;

/**
 * Writes the report's blocks as GitHub Markdown: figures as images with the caption in italics and
 * a link to their CSV, tables as pipe tables with numbers right-aligned. Line ends are '\n' on
 * every platform, so the same blocks give the same bytes.
 */
final class MarkdownWriter {

    private MarkdownWriter() {
    }

    static String write(List<Block> blocks) {
        StringBuilder md = new StringBuilder();
        for (Block block : blocks) {
            switch (block) {
                case Block.Heading h -> md.append("#".repeat(h.level())).append(' ').append(h.text()).append('\n');
                case Block.Paragraph p -> md.append(p.text()).append('\n');
                case Block.Table t -> table(md, t);
                case Block.Image i -> md.append("![").append(i.alt().replace("]", ")")).append("](")
                        .append(i.pngPath()).append(")\n\n*").append(i.caption()).append("* ([data](")
                        .append(i.csvPath()).append("))\n");
            }
            md.append('\n');
        }
        return md.toString().stripTrailing() + "\n";
    }

    private static void table(StringBuilder md, Block.Table t) {
        row(md, t.header());
        md.append('|');
        t.numeric().forEach(numeric -> md.append(numeric ? " ---: |" : " --- |"));
        md.append('\n');
        t.rows().forEach(r -> row(md, r));
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        cells.forEach(c -> md.append(' ').append(c.replace("|", "\\|")).append(" |"));
        md.append('\n');
    }
}
