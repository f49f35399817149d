package io.enclave.credentials.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test fixtures: the realistic sample files beside this class, copied or zipped into a test's folder. */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] bytes(String name) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        }
    }

    static Path copy(String name, Path dir) throws IOException {
        Path p = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
        Files.write(p, bytes(name));
        return p;
    }

    /** A LinkedIn-style export: entries under the names given (a folder prefix is allowed). */
    static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    static Path linkedInExport(Path dir) throws IOException {
        return zip(dir.resolve("Basic_LinkedInDataExport_10-02-2026.zip"), Map.of(
                "Positions.csv", bytes("linkedin/Positions.csv"),
                "Education.csv", bytes("linkedin/Education.csv"),
                "Connections.csv", utf8("Notes:\nFirst Name,Last Name\nAda,Lovelace\n"),
                "Profile.csv", utf8("First Name,Last Name,Headline\nJane,Doe,Engineer\n")));
    }

    static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
