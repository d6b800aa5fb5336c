package io.asyncworkbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The numbers behind one figure, written as a CSV beside its PNG so the figure can be checked or
 * redrawn with any tool. Long format ({@code series,x,y...}) keeps every figure's CSV the same
 * shape a spreadsheet can pivot. Numbers go through {@link Numbers#csv}, so the same runs give the
 * same bytes.
 */
final class FigureData {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    private FigureData(List<String> header) {
        this.header = List.copyOf(header);
    }

    static FigureData withColumns(String... header) {
        return new FigureData(List.of(header));
    }

    /** Adds a row; numbers are formatted for CSV, anything else is written as text. */
    FigureData row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(cells.length + " cells for columns " + header);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(cell instanceof Number n ? Numbers.csv(n.doubleValue()) : String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    int rowCount() {
        return rows.size();
    }

    /** The CSV text: header, then rows, '\n' line ends, cells quoted only where they must be. */
    String toCsv() {
        StringBuilder csv = new StringBuilder();
        appendLine(csv, header);
        rows.forEach(r -> appendLine(csv, r));
        return csv.toString();
    }

    private static void appendLine(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (i > 0) {
                csv.append(',');
            }
            boolean quote = cell.contains(",") || cell.contains("\"") || cell.contains("\n");
            csv.append(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
        }
        csv.append('\n');
    }
}
