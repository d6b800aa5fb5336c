package io.asyncworkbench.report;

import java.util.Base64;
import java.util.List;

/**
 * Writes the report's blocks as one self-contained HTML page: styles inline, every figure embedded
 * as a {@code data:image/png;base64} URI, no script and no address outside the page, so it opens
 * from disk, offline, and can be mailed as one file. Links to the CSVs are relative and work when
 * the page sits in {@code results/} beside {@code figures/}.
 */
final class HtmlWriter {

    private static final String STYLE = """
            body { font-family: sans-serif; max-width: 960px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
            img { max-width: 100%; height: auto; border: 1px solid #ddd; }
            figure { margin: 1em 0; }
            figcaption { font-size: 0.92em; color: #444; }
            table { border-collapse: collapse; margin: 0.5em 0 1.2em; font-size: 0.9em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.55em; vertical-align: top; }
            th { background: #f2f2f2; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            code { background: #f4f4f4; padding: 0 0.2em; }
            """;

    private HtmlWriter() {
    }

    static String write(String title, List<Block> blocks) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        for (Block block : blocks) {
            switch (block) {
                case Block.Heading h -> html.append("<h").append(h.level()).append(" id=\"").append(escape(h.id()))
                        .append("\">").append(inline(h.text())).append("</h").append(h.level()).append(">\n");
                case Block.Paragraph p -> html.append("<p>").append(inline(p.text())).append("</p>\n");
                case Block.Table t -> table(html, t);
                case Block.Image i -> html.append("<figure>\n<img src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(i.png())).append("\" alt=\"").append(escape(i.alt()))
                        .append("\">\n<figcaption>").append(inline(i.caption())).append(" (<a href=\"")
                        .append(escape(i.csvPath())).append("\">data</a>)</figcaption>\n</figure>\n");
            }
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void table(StringBuilder html, Block.Table t) {
        html.append("<table>\n<tr>");
        t.header().forEach(h -> html.append("<th>").append(inline(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : t.rows()) {
            html.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                html.append(t.numeric().get(c) ? "<td class=\"n\">" : "<td>").append(inline(row.get(c))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** Escapes {@code text} and turns {@code `code`} spans into {@code <code>} elements. */
    static String inline(String text) {
        String[] parts = text.split("`", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            boolean code = i % 2 == 1 && i < parts.length - 1;
            out.append(code ? "<code>" + escape(parts[i]) + "</code>" : (i % 2 == 1 ? "`" : "") + escape(parts[i]));
        }
        return out.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
