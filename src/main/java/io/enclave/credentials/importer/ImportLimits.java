package io.enclave.credentials.importer;

/**
 * Sizes past which a file is refused before it is read: a personal data export is small, a file this large is a
 * mistake or an attack (a ZIP bomb's entries are counted as they inflate, not by the sizes the ZIP claims).
 *
 * @param maxFileBytes      largest file read (a CSV or JSON file, or a ZIP as stored)
 * @param maxEntryBytes     largest ZIP entry once inflated
 * @param maxTotalBytes     most bytes inflated from one ZIP in all
 * @param maxZipEntries     most entries in one ZIP
 * @param maxRecords        most records (rows) in one file
 */
public record ImportLimits(long maxFileBytes, long maxEntryBytes, long maxTotalBytes, int maxZipEntries, int maxRecords) {
    public static final ImportLimits DEFAULT = new ImportLimits(64L << 20, 32L << 20, 256L << 20, 10_000, 200_000);

    public ImportLimits {
        if (maxFileBytes < 1 || maxEntryBytes < 1 || maxTotalBytes < 1 || maxZipEntries < 1 || maxRecords < 1) {
            throw new IllegalArgumentException("import limits must be positive");
        }
    }
}
