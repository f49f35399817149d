package io.enclave.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.crypto.AesGcm;
import io.enclave.crypto.Argon2id;
import io.enclave.wallet.WalletException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The on-disk wallet format, version 1. Two lines of UTF-8:
 * <pre>
 * {"format":"enclave-wallet","version":1,"kdf":{...argon2id params, salt},"cipher":{"algorithm":"AES-256-GCM",
 *  "nonce":...,"ciphertextBytes":n},"keyCheck":...,"accounts":[...]}
 * base64(AES-256-GCM ciphertext + tag of {@link WalletSecrets})
 * </pre>
 * The exact bytes of the first line are the cipher's associated data, so any change to the header (accounts,
 * parameters) fails authentication. Writes are atomic (temp file, fsync, rename) and keep the previous file as
 * {@code <name>.bak}; files are created 0600.
 */
final class WalletFile {
    static final String FORMAT = "enclave-wallet";
    static final int VERSION = 1;
    private static final long MAX_SIZE = 4L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private WalletFile() {
    }

    /** The authenticated header. */
    record Header(Argon2id.Params kdf, byte[] salt, byte[] nonce, int ciphertextBytes, byte[] keyCheck,
                  List<Account> accounts) {
        Header withCipher(byte[] newNonce, int newLength, List<Account> newAccounts) {
            return new Header(kdf, salt, newNonce, newLength, keyCheck, List.copyOf(newAccounts));
        }
    }

    /** A file as read: the header, its exact bytes (the AAD) and the ciphertext. */
    record Contents(Header header, byte[] headerBytes, byte[] ciphertext) {
    }

    static byte[] headerBytes(Header h) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("version", VERSION);
        ObjectNode kdf = root.putObject("kdf");
        kdf.put("algorithm", Argon2id.ALGORITHM).put("argon2Version", 19).put("memoryKiB", h.kdf().memoryKiB())
                .put("iterations", h.kdf().iterations()).put("parallelism", h.kdf().parallelism())
                .put("salt", b64(h.salt()));
        root.putObject("cipher").put("algorithm", AesGcm.ALGORITHM).put("nonce", b64(h.nonce()))
                .put("ciphertextBytes", h.ciphertextBytes());
        root.put("keyCheck", b64(h.keyCheck()));
        ArrayNode accounts = root.putArray("accounts");
        for (Account a : h.accounts()) {
            accounts.addObject().put("address", a.address()).put("label", a.label())
                    .put("source", a.source().name().toLowerCase(java.util.Locale.ROOT)).put("index", a.index());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Contents read(Path path) {
        byte[] all;
        try {
            if (Files.size(path) > MAX_SIZE) {
                throw new WalletException(Reason.NOT_A_WALLET, path + " is larger than any wallet file: choose the "
                        + "Enclave wallet file (wallet.json).");
            }
            all = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new WalletException(Reason.NOT_FOUND, "No wallet at " + path
                    + ": create one with `enclave wallet create` or pass --wallet-file.", e);
        } catch (IOException e) {
            throw new WalletException(Reason.IO, "Cannot read wallet " + path + ": " + e.getMessage(), e);
        }
        int nl = indexOf(all, (byte) '\n', 0);
        if (all.length == 0 || all[0] != '{') {
            throw new WalletException(Reason.NOT_A_WALLET, path + " is not an Enclave wallet file.");
        }
        if (nl < 0) {
            throw new WalletException(Reason.TRUNCATED, "Wallet " + path + " is truncated (its encrypted part is missing). "
                    + "Restore " + path.getFileName() + ".bak or re-import your recovery phrase.");
        }
        byte[] headerBytes = java.util.Arrays.copyOf(all, nl);
        Header header = parseHeader(path, headerBytes);
        int end = indexOf(all, (byte) '\n', nl + 1);
        String body = new String(all, nl + 1, (end < 0 ? all.length : end) - nl - 1, StandardCharsets.US_ASCII).strip();
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw damaged(path, "its encrypted part is not valid base64");
        }
        if (ciphertext.length < header.ciphertextBytes()) {
            throw new WalletException(Reason.TRUNCATED, "Wallet " + path + " is truncated (" + ciphertext.length + " of "
                    + header.ciphertextBytes() + " encrypted bytes). Restore " + path.getFileName()
                    + ".bak or re-import your recovery phrase.");
        }
        if (ciphertext.length != header.ciphertextBytes()) {
            throw damaged(path, "its encrypted part has " + ciphertext.length + " bytes, the header says "
                    + header.ciphertextBytes());
        }
        return new Contents(header, headerBytes, ciphertext);
    }

    private static Header parseHeader(Path path, byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw damaged(path, "its header is not valid JSON");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new WalletException(Reason.NOT_A_WALLET, path + " is not an Enclave wallet file.");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new WalletException(Reason.UNSUPPORTED_VERSION, "Wallet " + path + " has format version " + version
                    + "; this Enclave reads version " + VERSION + ". Update Enclave to open it.");
        }
        try {
            JsonNode kdf = root.required("kdf");
            JsonNode cipher = root.required("cipher");
            if (!Argon2id.ALGORITHM.equals(kdf.required("algorithm").asText())
                    || kdf.required("argon2Version").asInt() != 19
                    || !AesGcm.ALGORITHM.equals(cipher.required("algorithm").asText())) {
                throw damaged(path, "it names an algorithm this Enclave does not use");
            }
            Argon2id.Params params = new Argon2id.Params(kdf.required("memoryKiB").asInt(),
                    kdf.required("iterations").asInt(), kdf.required("parallelism").asInt());
            List<Account> accounts = new ArrayList<>();
            for (JsonNode a : root.required("accounts")) {
                accounts.add(new Account(a.required("address").asText(), a.path("label").asText(""),
                        Account.Source.valueOf(a.required("source").asText().toUpperCase(java.util.Locale.ROOT)),
                        a.required("index").asInt()));
            }
            byte[] salt = unb64(kdf.required("salt").asText());
            byte[] nonce = unb64(cipher.required("nonce").asText());
            byte[] keyCheck = unb64(root.required("keyCheck").asText());
            int n = cipher.required("ciphertextBytes").asInt(-1);
            if (salt.length < 16 || nonce.length != AesGcm.NONCE_BYTES || keyCheck.length != 16 || n < 16) {
                throw damaged(path, "its header has a salt, nonce or key check of the wrong size");
            }
            return new Header(params, salt, nonce, n, keyCheck, List.copyOf(accounts));
        } catch (IllegalArgumentException e) {
            throw damaged(path, "its header is incomplete or invalid (" + e.getMessage() + ")");
        }
    }

    /** Writes header and ciphertext atomically, keeping the previous file as {@code .bak}. */
    static void write(Path path, Header header, byte[] ciphertext, boolean mustNotExist) {
        byte[] head = headerBytes(header);
        byte[] body = Base64.getEncoder().encode(ciphertext);
        ByteBuffer out = ByteBuffer.allocate(head.length + body.length + 2);
        out.put(head).put((byte) '\n').put(body).put((byte) '\n').flip();
        Path abs = path.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = dir.resolve(abs.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            if (mustNotExist && Files.exists(abs)) {
                throw new WalletException(Reason.ALREADY_EXISTS, "A wallet already exists at " + abs
                        + ": choose another --wallet-file, or move the existing one away first.");
            }
            Files.deleteIfExists(tmp);
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    privateFile(dir))) {
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                ch.force(true);
            }
            if (Files.exists(abs)) {
                Path bakTmp = dir.resolve(abs.getFileName() + ".bak.tmp");
                Files.deleteIfExists(bakTmp);
                Files.copy(abs, bakTmp, StandardCopyOption.COPY_ATTRIBUTES);
                try (FileChannel ch = FileChannel.open(bakTmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(bakTmp, dir.resolve(abs.getFileName() + ".bak"), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsyncDirectory(dir);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temp file holds only ciphertext; the next write replaces it
            }
            throw new WalletException(Reason.IO, "Cannot write wallet " + abs + " (" + e.getMessage()
                    + "); the previous file is unchanged.", e);
        }
    }

    /** An exclusive lock on {@code <wallet>.lock} that serialises writers across processes. */
    static final class WriteLock implements AutoCloseable {
        private final FileChannel channel;

        private WriteLock(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // closing releases the lock; nothing else depends on it
            }
        }
    }

    static WriteLock lock(Path path) {
        Path abs = path.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            FileChannel ch = FileChannel.open(abs.resolveSibling(abs.getFileName() + ".lock"),
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), privateFile(abs.getParent()));
            try {
                ch.lock();
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            return new WriteLock(ch);
        } catch (IOException e) {
            throw new WalletException(Reason.IO, "Cannot lock wallet " + abs + " for writing: " + e.getMessage(), e);
        }
    }

    private static FileAttribute<?>[] privateFile(Path dir) {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory; the rename is still atomic there
        }
    }

    static WalletException damaged(Path path, String why) {
        return new WalletException(Reason.DAMAGED, "Wallet " + path + " is damaged: " + why + ". Restore "
                + path.getFileName() + ".bak or re-import your recovery phrase.");
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static byte[] unb64(String s) {
        return Base64.getDecoder().decode(s);
    }
}
