package io.enclave.credentials.importer;

/**
 * A file that cannot be imported. The message names the file, the line (when there is one) and the field, never the
 * value found there (it may be personal data and messages may reach a log). Nothing of the file was imported.
 */
public final class ImportException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String field;

    public ImportException(String source, int line, String field, String problem) {
        super(describe(source, line, field, problem));
        this.source = source;
        this.line = line;
        this.field = field;
    }

    public ImportException(String source, int line, String field, String problem, Throwable cause) {
        super(describe(source, line, field, problem), cause);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    /** The file (or file inside a ZIP) the problem is in. */
    public String source() {
        return source;
    }

    /** 1-based line, or 0 when the problem is not on one line. */
    public int line() {
        return line;
    }

    /** The column, JSON pointer or attribute, or null when the problem is not in one field. */
    public String field() {
        return field;
    }

    private static String describe(String source, int line, String field, String problem) {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(" line ").append(line);
        }
        if (field != null) {
            b.append(", field '").append(field).append('\'');
        }
        return b.append(": ").append(problem).append(". Nothing was imported.").toString();
    }
}
