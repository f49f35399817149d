package io.enclave.credentials.importer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.SchemaException;
import io.enclave.credentials.schema.SchemaRegistry;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Imports the ZIP LinkedIn gives under Settings → Data privacy → Get a copy of your data: {@code Positions.csv}
 * becomes employment records, {@code Education.csv} education records. Month dates ("Jan 2020") become the first day
 * of the month for a start and the last day for an end. Descriptions, locations, notes and activities are not read.
 */
public final class LinkedInExportImporter {
    static final String POSITIONS = "Positions.csv";
    static final String EDUCATION = "Education.csv";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM uuuu", Locale.ENGLISH);

    private final CredentialSchema employment;
    private final CredentialSchema education;
    private final ImportLimits limits;

    public LinkedInExportImporter(SchemaRegistry schemas, ImportLimits limits) throws SchemaException {
        this.employment = schemas.latest("employment");
        this.education = schemas.latest("education");
        this.limits = limits;
    }

    /** Both files' records, all validated; a file absent from the export gives no records of its kind. */
    public record LinkedInImport(ImportResult positions, ImportResult education) {
    }

    public LinkedInImport importZip(Path zip) throws ImportException {
        Map<String, byte[]> files = ZipEntries.read(zip, Set.of(POSITIONS, EDUCATION), limits);
        if (files.isEmpty()) {
            throw new ImportException(zip.getFileName().toString(), 0, null, "the ZIP holds neither " + POSITIONS + " nor "
                    + EDUCATION + "; is it a LinkedIn data export (Settings, Data privacy, Get a copy of your data)?");
        }
        List<ImportedRecord> positions = new ArrayList<>();
        if (files.containsKey(POSITIONS)) {
            CsvTable t = CsvTable.parse(SourceText.decodeUtf8(files.get(POSITIONS), POSITIONS), POSITIONS,
                    limits.maxRecords());
            t.requireColumns(List.of("Company Name", "Title", "Started On", "Finished On"));
            for (CsvTable.Row row : t.rows()) {
                ObjectNode r = JsonNodeFactory.instance.objectNode();
                putText(r, "employer", row.get("Company Name"));
                putText(r, "title", row.get("Title"));
                putDate(r, "startDate", month(row, "Started On", false));
                putDate(r, "endDate", month(row, "Finished On", true));
                Records.validate(employment, r, POSITIONS, row.line(), a -> switch (a) {
                    case "employer" -> "Company Name";
                    case "title" -> "Title";
                    case "startDate" -> "Started On";
                    case "endDate" -> "Finished On";
                    default -> a;
                });
                positions.add(new ImportedRecord(r, POSITIONS + " line " + row.line()));
            }
        }
        List<ImportedRecord> schools = new ArrayList<>();
        if (files.containsKey(EDUCATION)) {
            CsvTable t = CsvTable.parse(SourceText.decodeUtf8(files.get(EDUCATION), EDUCATION), EDUCATION,
                    limits.maxRecords());
            t.requireColumns(List.of("School Name", "Start Date", "End Date", "Degree Name"));
            for (CsvTable.Row row : t.rows()) {
                ObjectNode r = JsonNodeFactory.instance.objectNode();
                putText(r, "institution", row.get("School Name"));
                putText(r, "degree", row.get("Degree Name"));
                LocalDate start = month(row, "Start Date", false);
                LocalDate end = month(row, "End Date", true);
                if (start != null) {
                    r.put("startYear", start.getYear());
                }
                if (end != null) {
                    r.put("graduationYear", end.getYear());
                }
                Records.validate(education, r, EDUCATION, row.line(), a -> switch (a) {
                    case "institution" -> "School Name";
                    case "degree" -> "Degree Name";
                    case "startYear" -> "Start Date";
                    case "graduationYear" -> "End Date";
                    default -> a;
                });
                schools.add(new ImportedRecord(r, EDUCATION + " line " + row.line()));
            }
        }
        return new LinkedInImport(new ImportResult(employment, positions), new ImportResult(education, schools));
    }

    /** "Jan 2020" or "2020"; empty is null. Ends are the month's (or year's) last day. */
    private static LocalDate month(CsvTable.Row row, String column, boolean end) throws ImportException {
        String raw = row.get(column);
        if (raw.isEmpty()) {
            return null;
        }
        try {
            if (raw.matches("\\d{4}")) {
                int y = Integer.parseInt(raw);
                return end ? LocalDate.of(y, 12, 31) : LocalDate.of(y, 1, 1);
            }
            YearMonth ym = YearMonth.parse(raw.substring(0, 1).toUpperCase(Locale.ROOT)
                    + raw.substring(1).toLowerCase(Locale.ROOT), MONTH);
            return end ? ym.atEndOfMonth() : ym.atDay(1);
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new ImportException(row.cells().containsKey("Company Name") ? POSITIONS : EDUCATION, row.line(), column,
                    "not a LinkedIn date (expected a month and year such as Jan 2020, or a year)");
        }
    }

    private static void putText(ObjectNode r, String attribute, String value) {
        if (!value.isEmpty()) {
            r.put(attribute, value);
        }
    }

    private static void putDate(ObjectNode r, String attribute, LocalDate value) {
        if (value != null) {
            r.put(attribute, value.toString());
        }
    }
}
