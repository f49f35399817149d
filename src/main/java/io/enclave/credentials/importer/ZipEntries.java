package io.enclave.credentials.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the wanted entries of a ZIP into memory within {@link ImportLimits}: entries are found by file name in any
 * folder, inflated bytes are counted as they come (a ZIP's own size fields can lie), nothing is written to disk.
 */
final class ZipEntries {
    private ZipEntries() {
    }

    /** Wanted file name → bytes, for those present; a name present twice is an error. */
    static Map<String, byte[]> read(Path zip, Set<String> wanted, ImportLimits limits) throws ImportException {
        String name = zip.getFileName().toString();
        try {
            if (Files.size(zip) > limits.maxFileBytes()) {
                throw new ImportException(name, 0, null, "the ZIP has " + Files.size(zip) + " bytes, more than the limit of "
                        + limits.maxFileBytes() + " bytes for an import");
            }
        } catch (IOException e) {
            throw new ImportException(name, 0, null, "the file cannot be read (" + e.getMessage() + ")", e);
        }
        Map<String, byte[]> found = new HashMap<>();
        long total = 0;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            if (file.size() > limits.maxZipEntries()) {
                throw new ImportException(name, 0, null, "the ZIP has " + file.size() + " entries, more than the limit of "
                        + limits.maxZipEntries());
            }
            for (Enumeration<? extends ZipEntry> en = file.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                String base = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                if (e.isDirectory() || !wanted.contains(base)) {
                    continue;
                }
                if (found.containsKey(base)) {
                    throw new ImportException(name, 0, base, "the ZIP holds two files named " + base
                            + "; keep the one from your export");
                }
                long allowed = Math.min(limits.maxEntryBytes(), limits.maxTotalBytes() - total);
                try (InputStream in = file.getInputStream(e)) {
                    byte[] bytes = SourceText.readBounded(in, allowed, name + "!" + e.getName());
                    total += bytes.length;
                    found.put(base, bytes);
                }
            }
        } catch (ZipException e) {
            throw new ImportException(name, 0, null, "the file is not a readable ZIP archive (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ImportException(name, 0, null, "the ZIP cannot be read (" + e.getMessage() + ")", e);
        }
        return found;
    }
}
