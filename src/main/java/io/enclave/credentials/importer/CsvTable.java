package io.enclave.credentials.importer;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A CSV file read whole: its header and its rows, each with the line it starts on. */
record CsvTable(String source, List<String> columns, List<Row> rows) {

    /** One data row: cells by column name, and the 1-based line where the row starts. */
    record Row(int line, Map<String, String> cells) {
        String get(String column) {
            return cells.getOrDefault(column, "");
        }
    }

    static CsvTable parse(String text, String source, int maxRows) throws ImportException {
        int[] lineStarts = lineStarts(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get();
        List<String> columns = null;
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord r : parser) {
                int line = lineOf(lineStarts, r.getCharacterPosition());
                if (columns == null) {
                    columns = header(r, source, line);
                    continue;
                }
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue;
                }
                if (r.size() != columns.size()) {
                    throw new ImportException(source, line, null, "the row has " + r.size() + " fields but the header has "
                            + columns.size() + " columns (a missing or extra comma, or an unclosed quote)");
                }
                if (rows.size() >= maxRows) {
                    throw new ImportException(source, line, null, "more than " + maxRows + " rows, the limit for an import");
                }
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    cells.put(columns.get(i), r.get(i));
                }
                rows.add(new Row(line, cells));
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new ImportException(source, 0, null, "the file is not valid CSV (" + rootMessage(e) + ")", e);
        } catch (IOException e) {
            throw new ImportException(source, 0, null, "the file is not valid CSV (" + e.getMessage() + ")", e);
        }
        if (columns == null) {
            throw new ImportException(source, 0, null, "the file has no header line");
        }
        return new CsvTable(source, List.copyOf(columns), List.copyOf(rows));
    }

    /** Refuses a table that lacks one of {@code required} (named with the columns it has). */
    void requireColumns(List<String> required) throws ImportException {
        for (String c : required) {
            if (!columns.contains(c)) {
                throw new ImportException(source, 1, c, "the column is missing (the header has " + columns + ")");
            }
        }
    }

    private static List<String> header(CSVRecord r, String source, int line) throws ImportException {
        List<String> columns = new ArrayList<>();
        for (String c : r) {
            if (c.isEmpty()) {
                throw new ImportException(source, line, null, "the header has an empty column name");
            }
            if (columns.contains(c)) {
                throw new ImportException(source, line, c, "the header names this column twice");
            }
            columns.add(c);
        }
        return columns;
    }

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    private static int lineOf(int[] starts, long position) {
        int i = Arrays.binarySearch(starts, (int) position);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
