package io.enclave.storage.outbox;

import io.enclave.storage.BlobStore;
import io.enclave.storage.StorageException;
import io.enclave.storage.ipfs.Cid;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The storage steps of a publication — encrypt, upload, pin — and the order of the whole pipeline
 * (encrypt → upload → pin → Arweave copy → anchor → list). The last three steps come from the Arweave, chain and market
 * layers as {@link OutboxStep}s; they read the CID with {@link #cid(StepContext)}.
 */
public final class PublicationSteps {
    public static final String ENCRYPT = "encrypt";
    public static final String UPLOAD = "upload";
    public static final String PIN = "pin";
    public static final String ARWEAVE = "arweave";
    public static final String ANCHOR = "anchor";
    public static final String LIST = "list";
    /** Version byte of the package format: {@code 0x01 | nonce(12) | AES-256-GCM ciphertext and tag}. */
    public static final byte FORMAT_AES_256_GCM = 0x01;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PublicationSteps() {
    }

    /** The full pipeline in its fixed order. */
    public static List<OutboxStep> pipeline(BlobStore primary, List<BlobStore> secondaries, OutboxStep arweave,
                                            OutboxStep anchor, OutboxStep list) {
        check(arweave, ARWEAVE);
        check(anchor, ANCHOR);
        check(list, LIST);
        return List.of(encrypt(), upload(primary), pin(secondaries), arweave, anchor, list);
    }

    private static void check(OutboxStep step, String name) {
        if (!step.name().equals(name)) {
            throw new IllegalArgumentException("step '" + step.name() + "' given where '" + name + "' belongs");
        }
    }

    /** The Arweave step for a user who keeps no permanent copy (no Arweave wallet configured): records nothing. */
    public static OutboxStep noArweaveCopy() {
        return new Named(ARWEAVE, ctx -> new byte[0]);
    }

    /** The CID the upload step recorded. */
    public static Cid cid(StepContext ctx) {
        return Cid.fromBytes(ctx.result(UPLOAD));
    }

    /**
     * Encrypts the input under a fresh content key (AES-256-GCM). The key is checkpointed before use, so a retry
     * reuses it and the buyer's key can always be delivered; the plaintext input is wiped when the result is recorded.
     */
    public static OutboxStep encrypt() {
        return new Named(ENCRYPT, ctx -> {
            byte[] key = ctx.checkpoint("content-key").orElse(null);
            if (key == null) {
                key = new byte[32];
                RANDOM.nextBytes(key);
                ctx.checkpoint("content-key", key);
            }
            byte[] plain = ctx.input();
            try {
                return seal(key, plain);
            } finally {
                Arrays.fill(plain, (byte) 0);
                Arrays.fill(key, (byte) 0);
                ctx.consumeInput();
            }
        });
    }

    /** Uploads the encrypted package to the primary store (same bytes on every attempt, so the same CID). */
    public static OutboxStep upload(BlobStore primary) {
        return new Named(UPLOAD, ctx -> primary.put(ctx.result(ENCRYPT)).toBytes());
    }

    /** Pins the package on every secondary service; all must succeed (a failure is retried with backoff). */
    public static OutboxStep pin(List<BlobStore> secondaries) {
        return new Named(PIN, ctx -> {
            Cid cid = cid(ctx);
            byte[] pkg = ctx.result(ENCRYPT);
            List<String> names = new ArrayList<>();
            for (BlobStore s : secondaries) {
                if (!s.put(pkg).equals(cid)) {
                    throw new StorageException(s.name() + " stored the package under another CID than " + cid);
                }
                names.add(s.name());
            }
            return String.join("\n", names).getBytes(StandardCharsets.UTF_8);
        });
    }

    static byte[] seal(byte[] key, byte[] plain) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(new byte[] {FORMAT_AES_256_GCM});
        byte[] ct = c.doFinal(plain);
        return ByteBuffer.allocate(1 + nonce.length + ct.length).put(FORMAT_AES_256_GCM).put(nonce).put(ct).array();
    }

    /** Decrypts a package made by the encrypt step (for checks and for the seller's own view). */
    public static byte[] open(byte[] key, byte[] pkg) throws GeneralSecurityException {
        if (pkg.length < 1 + 12 + 16 || pkg[0] != FORMAT_AES_256_GCM) {
            throw new GeneralSecurityException("not an Enclave AES-256-GCM package (format byte or length wrong)");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, pkg, 1, 12));
        c.updateAAD(new byte[] {FORMAT_AES_256_GCM});
        return c.doFinal(pkg, 13, pkg.length - 13);
    }

    /** A step from a name and a body. */
    public record Named(String name, Body body) implements OutboxStep {
        @Override
        public byte[] run(StepContext ctx) throws Exception {
            return body.run(ctx);
        }
    }

    /** The body of a {@link Named} step. */
    @FunctionalInterface
    public interface Body {
        byte[] run(StepContext ctx) throws Exception;
    }
}
