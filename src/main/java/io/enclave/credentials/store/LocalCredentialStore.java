package io.enclave.credentials.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The holder's local copies, under {@code <data dir>/credentials/}: {@code attestations/<hash>.enclave-attestation}
 * (the issuer's file, still ECIES-encrypted to the holder) and {@code packages/<hash>/} (the canonical package, the
 * sealed envelope, the seller's wrapped content key). Names are keccak256 hashes, never values.
 *
 * <p>{@link #erase} is the local half of "delete my data": each file is overwritten with zeros, synced, then deleted.
 * On SSDs and journaling or copy-on-write file systems an overwrite cannot guarantee that no old block survives; the
 * plaintext never reaches these files in the first place (attestations stay encrypted, packages hold no values).
 */
public final class LocalCredentialStore {
    private static final HexFormat HEX = HexFormat.of();
    private final Path root;

    public LocalCredentialStore(Path dataDir) {
        this.root = dataDir.resolve("credentials");
    }

    /** What {@link #erase} removed, by path. */
    public record Erasure(List<Path> deleted) {
        public Erasure {
            deleted = List.copyOf(deleted);
        }
    }

    public Path attestationFile(byte[] attestationHash) {
        return root.resolve("attestations").resolve(name(attestationHash) + ".enclave-attestation");
    }

    public Path packageDir(byte[] credentialHash) {
        return root.resolve("packages").resolve(name(credentialHash));
    }

    /** Keeps the (encrypted) attestation file the holder received. */
    public Path keepAttestation(byte[] attestationHash, byte[] encryptedFile) throws IOException {
        Path p = attestationFile(attestationHash);
        Files.createDirectories(p.getParent());
        Files.write(p, encryptedFile);
        return p;
    }

    /** Keeps a file of a package ({@code package.json}, {@code sealed.bin}, {@code seller-key.bin}). */
    public Path keepPackageFile(byte[] credentialHash, String fileName, byte[] content) throws IOException {
        if (!fileName.matches("[a-z][a-z0-9.-]{0,40}")) {
            throw new IllegalArgumentException("not a package file name: " + fileName);
        }
        Path p = packageDir(credentialHash).resolve(fileName);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        return p;
    }

    /** Overwrites and deletes the attestation and package files with these hashes (null = none). */
    public Erasure erase(byte[] attestationHash, byte[] credentialHash) throws IOException {
        return erase(attestationHash, credentialHash, List.of());
    }

    /**
     * Like {@link #erase(byte[], byte[])}, and also overwrites and deletes {@code more} files that hold the same data
     * elsewhere (a package the studio saved where the person chose); missing ones are skipped.
     */
    public Erasure erase(byte[] attestationHash, byte[] credentialHash, List<Path> more) throws IOException {
        List<Path> deleted = new ArrayList<>();
        for (Path f : more) {
            wipe(f, deleted);
        }
        if (attestationHash != null) {
            wipe(attestationFile(attestationHash), deleted);
        }
        if (credentialHash != null) {
            Path dir = packageDir(credentialHash);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        wipe(f, deleted);
                    }
                }
                Files.delete(dir);
            }
        }
        return new Erasure(deleted);
    }

    private static void wipe(Path file, List<Path> deleted) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        long size = Files.size(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate(8192);
            for (long pos = 0; pos < size; pos += zeros.capacity()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - pos));
                ch.write(zeros, pos);
            }
            ch.force(true);
        }
        Files.delete(file);
        deleted.add(file);
    }

    private static String name(byte[] hash) {
        if (hash.length != 32) {
            throw new IllegalArgumentException("a keccak256 hash has 32 bytes");
        }
        return "0x" + HEX.formatHex(hash).toLowerCase(Locale.ROOT);
    }
}
