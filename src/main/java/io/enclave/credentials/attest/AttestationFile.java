package io.enclave.credentials.attest;

import io.enclave.credentials.pkg.EciesKeyHolder;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.crypto.ecies.EciesException;
import io.enclave.crypto.ecies.Secp256k1Ecies;
import java.util.Arrays;

/**
 * The file an issuer hands a subject ({@code .enclave-attestation}): {@code "ENCA" || version 0x01 || ECIES payload},
 * the payload being the attestation's canonical JSON encrypted to the subject's secp256k1 public key
 * ({@link Secp256k1Ecies}: ephemeral key, HKDF-SHA256, AES-256-GCM). Only the subject can read it.
 */
public final class AttestationFile {
    static final byte[] MAGIC = {'E', 'N', 'C', 'A'};
    static final int VERSION = 1;
    /** An attestation is under a KiB; anything past this is refused before decryption. */
    public static final int MAX_BYTES = 64 * 1024;

    private final Secp256k1Ecies ecies;
    private final SchemaRegistry schemas;

    public AttestationFile(Secp256k1Ecies ecies, SchemaRegistry schemas) {
        this.ecies = ecies;
        this.schemas = schemas;
    }

    public byte[] seal(Attestation attestation, byte[] subjectPublicKey) throws AttestationException {
        byte[] json = attestation.canonicalBytes();
        try {
            byte[] payload = ecies.encrypt(subjectPublicKey, json);
            byte[] out = new byte[MAGIC.length + 1 + payload.length];
            System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
            out[MAGIC.length] = VERSION;
            System.arraycopy(payload, 0, out, MAGIC.length + 1, payload.length);
            return out;
        } catch (EciesException e) {
            throw new AttestationException("Cannot encrypt the attestation to this subject key: " + e.getMessage(), e);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }

    /** Decrypts with the subject's key and checks the structure; the signature is checked by {@link AttestationChecker}. */
    public Attestation open(EciesKeyHolder subject, byte[] file) throws AttestationException {
        if (file.length > MAX_BYTES) {
            throw new AttestationException("The file has " + file.length + " bytes; an attestation file has at most "
                    + MAX_BYTES + ": this is not an attestation");
        }
        if (file.length < MAGIC.length + 1 || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
            throw new AttestationException("Not an Enclave attestation file (wrong magic bytes)");
        }
        if (file[MAGIC.length] != VERSION) {
            throw new AttestationException("Attestation file version " + (file[MAGIC.length] & 0xff)
                    + " is not supported by this Enclave (it reads " + VERSION + "): update Enclave");
        }
        byte[] json;
        try {
            json = subject.decrypt(Arrays.copyOfRange(file, MAGIC.length + 1, file.length));
        } catch (EciesException e) {
            throw new AttestationException("The attestation file cannot be opened with this account's key: it was made for "
                    + "another subject, or it was altered (" + e.getMessage() + ")", e);
        }
        try {
            return Attestation.parse(json, schemas);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }
}
