package io.asyncworkbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file of the run format read whole: a header line, then rows, comma-separated, with
 * RFC 4180 quoting ({@code "a,b"}, {@code ""} for a quote) where a cell needs it. Every problem
 * becomes a {@link DamagedRunException} naming the file and the line, so a bad cell reads as
 * {@code steps.csv: line 4: p99_ms 'abc' is not a number}.
 */
final class CsvFile {

    private final Path path;
    private final Map<String, Integer> columns = new HashMap<>();
    private final List<String[]> rows = new ArrayList<>();
    private final List<Integer> lineNumbers = new ArrayList<>();

    private CsvFile(Path path) {
        this.path = path;
    }

    /** Reads {@code path} and checks that it has every one of {@code required} columns. */
    static CsvFile read(Path path, List<String> required) throws DamagedRunException {
        CsvFile csv = new CsvFile(path);
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DamagedRunException(path, "missing");
        } catch (IOException e) {
            throw new DamagedRunException(path, "cannot be read (" + e.getMessage() + ")");
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new DamagedRunException(path, "empty (no header line)");
        }
        String[] header = csv.split(lines.get(0), 1);
        for (int i = 0; i < header.length; i++) {
            csv.columns.put(header[i].strip(), i);
        }
        for (String column : required) {
            if (!csv.columns.containsKey(column)) {
                throw new DamagedRunException(path, 1, "no column '" + column + "' in the header");
            }
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = csv.split(lines.get(i), i + 1);
            if (cells.length != header.length) {
                throw new DamagedRunException(path, i + 1,
                        cells.length + " cells where the header has " + header.length);
            }
            csv.rows.add(cells);
            csv.lineNumbers.add(i + 1);
        }
        return csv;
    }

    Path path() {
        return path;
    }

    int size() {
        return rows.size();
    }

    /** The file's line number of row {@code row} (the header is line 1). */
    int line(int row) {
        return lineNumbers.get(row);
    }

    /** Whether the header names {@code column}. */
    boolean has(String column) {
        return columns.containsKey(column);
    }

    /** The cell of {@code column} in {@code row}, stripped. */
    String text(int row, String column) {
        return rows.get(row)[columns.get(column)].strip();
    }

    /** The number in {@code column} of {@code row}; an empty cell is NaN ("does not apply"). */
    double number(int row, String column) throws DamagedRunException {
        String cell = text(row, column);
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw error(row, column + " '" + cell + "' is not a number");
        }
    }

    /** A problem with {@code row}, naming this file and the row's line. */
    DamagedRunException error(int row, String problem) {
        return new DamagedRunException(path, line(row), problem);
    }

    private String[] split(String line, int lineNumber) throws DamagedRunException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new DamagedRunException(path, lineNumber, "a quote is not closed");
        }
        cells.add(cell.toString());
        return cells.toArray(String[]::new);
    }
}
