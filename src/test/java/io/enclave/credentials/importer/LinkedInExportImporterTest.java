package io.enclave.credentials.importer;

import static io.enclave.credentials.importer.CsvImporterTest.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.credentials.schema.SchemaRegistry;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkedInExportImporterTest {
    @TempDir
    Path dir;

    private LinkedInExportImporter importer(ImportLimits limits) throws Exception {
        return new LinkedInExportImporter(SchemaRegistry.builtIn(), limits);
    }

    @Test
    void positionsAndEducationFromARealisticExport() throws Exception {
        LinkedInExportImporter.LinkedInImport r = importer(ImportLimits.DEFAULT).importZip(Fixtures.linkedInExport(dir));
        assertThat(r.positions().records()).hasSize(3);
        assertThat(r.positions().records().get(0).values().toString()).isEqualTo("{\"employer\":\"Northwind Robotics\","
                + "\"title\":\"Senior Software Engineer\",\"startDate\":\"2021-03-01\"}");
        assertThat(r.positions().records().get(1).values().toString()).isEqualTo("{\"employer\":\"Contoso Ltd\","
                + "\"title\":\"Software Engineer\",\"startDate\":\"2017-09-01\",\"endDate\":\"2021-02-28\"}");
        // the first position's description spans two lines, so the second position starts on line 4
        assertThat(r.positions().records().get(1).origin()).isEqualTo("Positions.csv line 4");
        assertThat(r.education().records()).hasSize(3);
        assertThat(r.education().records().get(0).values().toString()).isEqualTo("{\"institution\":\"Technische "
                + "Universiteit Delft\",\"degree\":\"Master of Science - MS\",\"startYear\":2015,\"graduationYear\":2017}");
        assertThat(r.education().records().get(1).values().get("graduationYear").intValue()).isEqualTo(2015);
        assertThat(r.education().records().get(2).values().has("degree")).isFalse();
    }

    @Test
    void aFolderInsideTheZipAndAMissingEducationFileAreFine() throws Exception {
        Path zip = Fixtures.zip(dir.resolve("export.zip"), Map.of("export/Positions.csv",
                Fixtures.bytes("linkedin/Positions.csv")));
        LinkedInExportImporter.LinkedInImport r = importer(ImportLimits.DEFAULT).importZip(zip);
        assertThat(r.positions().records()).hasSize(3);
        assertThat(r.education().records()).isEmpty();
    }

    @Test
    void aZipWithoutTheCsvsIsRefused() throws Exception {
        Path zip = Fixtures.zip(dir.resolve("photos.zip"), Map.of("Profile.csv", Fixtures.utf8("First Name\nJane\n")));
        expect(() -> importer(ImportLimits.DEFAULT).importZip(zip), 0, null, "neither Positions.csv nor Education.csv");
    }

    @Test
    void notAZipIsRefused() throws Exception {
        Path f = Fixtures.write(dir, "export.zip", "Company Name,Title\n");
        expect(() -> importer(ImportLimits.DEFAULT).importZip(f), 0, null, "not a readable ZIP");
        Path empty = Fixtures.write(dir, "empty.zip", "");
        expect(() -> importer(ImportLimits.DEFAULT).importZip(empty), 0, null, "ZIP");
    }

    @Test
    void badDatesMissingColumnsAndNonUtf8NameTheFileLineAndField() throws Exception {
        Path badDate = zipWith("Company Name,Title,Description,Location,Started On,Finished On\n"
                + "Acme,Dev,,,Jan 2020,\nAcme,Dev,,,Janvier 2020,\n");
        expect(() -> importer(ImportLimits.DEFAULT).importZip(badDate), 3, "Started On", "not a LinkedIn date");
        assertThat(catchSource(badDate)).isEqualTo("Positions.csv");
        Path missingColumn = zipWith("Company Name,Title,Description,Location,Started On\nAcme,Dev,,,Jan 2020\n");
        expect(() -> importer(ImportLimits.DEFAULT).importZip(missingColumn), 1, "Finished On", "column is missing");
        Path missingTitle = zipWith("Company Name,Title,Description,Location,Started On,Finished On\nAcme,,,,Jan 2020,\n");
        expect(() -> importer(ImportLimits.DEFAULT).importZip(missingTitle), 2, "Title", "title");
        Map<String, byte[]> latin1 = new LinkedHashMap<>();
        latin1.put("Positions.csv", ("Company Name,Title,Description,Location,Started On,Finished On\n"
                + "M\u00fcller,Dev,,,Jan 2020,\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Path nonUtf8 = Fixtures.zip(dir.resolve("latin1.zip"), latin1);
        expect(() -> importer(ImportLimits.DEFAULT).importZip(nonUtf8), 2, null, "not UTF-8");
        Path empty = Fixtures.zip(dir.resolve("emptycsv.zip"), Map.of("Education.csv", new byte[0]));
        expect(() -> importer(ImportLimits.DEFAULT).importZip(empty), 0, null, "empty");
    }

    @Test
    void aZipBombIsRefusedByCountingInflatedBytes() throws Exception {
        Path bomb = dir.resolve("bomb.zip");
        try (OutputStream out = Files.newOutputStream(bomb); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("Positions.csv"));
            zip.write(Fixtures.utf8("Company Name,Title,Description,Location,Started On,Finished On\n"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        ImportLimits limits = new ImportLimits(1 << 20, 8 << 20, 16 << 20, 100, 1000);
        expect(() -> importer(limits).importZip(bomb), 0, null, "more than 8388608 bytes once unpacked");
    }

    @Test
    void tooManyEntriesAreRefused() throws Exception {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            many.put("f" + i + ".txt", new byte[] {1});
        }
        Path zip = Fixtures.zip(dir.resolve("many.zip"), many);
        expect(() -> importer(new ImportLimits(1 << 20, 1 << 20, 1 << 20, 10, 10)).importZip(zip), 0, null, "20 entries");
    }

    private Path zipWith(String positions) throws Exception {
        return Fixtures.zip(Files.createTempFile(dir, "export", ".zip"), Map.of("Positions.csv", Fixtures.utf8(positions)));
    }

    private String catchSource(Path zip) {
        try {
            importer(ImportLimits.DEFAULT).importZip(zip);
            return null;
        } catch (ImportException e) {
            return e.source();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
