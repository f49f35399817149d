package io.enclave.credentials.pkg;

import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.crypto.envelope.Envelope;
import io.enclave.crypto.envelope.EnvelopeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * Buyer side: unwraps the delivered content key, checks it against the listing's commitment, opens the envelope and
 * checks that the package inside is canonical and hashes to the credential hash anchored on-chain. Any failure says
 * which check failed; nothing half-opened is returned.
 */
public final class CredentialOpener {
    /** A credential package is a proof and its metadata: a few KiB. Anything past this is refused. */
    public static final int MAX_PACKAGE_BYTES = 4 << 20;

    private final PackageReader reader;
    private final Envelope envelope = new Envelope();

    public CredentialOpener(SchemaRegistry schemas) {
        this.reader = new PackageReader(schemas);
    }

    /** A delivery opened: the anchored package and, when the seller made one, the proof it made for this buyer. */
    public record Opened(CredentialPackage pkg, Optional<PerBuyerProof> perBuyerProof) {
    }

    /** Opens a delivery of either format ({@link KeyDelivery}); returns only the package. */
    public CredentialPackage open(InputStream sealed, byte[] wrappedKey, EciesKeyHolder buyer, byte[] keyCommitment,
                                  byte[] expectedCredentialHash)
            throws IOException, KeyDeliveryException, EnvelopeException, PackageException {
        return openDelivery(sealed, wrappedKey, buyer, keyCommitment, expectedCredentialHash).pkg();
    }

    /**
     * Opens a delivery ({@link KeyDelivery}: key only, or key and per-buyer proof) and the package it unlocks. The
     * per-buyer proof is returned as delivered: checking it is the ZK layer's job ({@code PackageVerifier}).
     */
    public Opened openDelivery(InputStream sealed, byte[] delivered, EciesKeyHolder buyer, byte[] keyCommitment,
                               byte[] expectedCredentialHash)
            throws IOException, KeyDeliveryException, EnvelopeException, PackageException {
        try (KeyDelivery.Opened d = KeyDelivery.open(buyer, delivered, keyCommitment)) {
            return new Opened(decrypt(sealed, d.key(), expectedCredentialHash), d.proof());
        }
    }

    private CredentialPackage decrypt(InputStream sealed, ContentKey key, byte[] expectedCredentialHash)
            throws IOException, EnvelopeException, PackageException {
        Bounded plain = new Bounded();
        try {
            envelope.decrypt(sealed, plain, key.bytes(), expectedCredentialHash);
            byte[] bytes = plain.toByteArray();
            if (!MessageDigest.isEqual(Hash.sha3(bytes), expectedCredentialHash)) {
                throw new PackageException("The decrypted package does not hash to the credential hash on-chain: it is not "
                        + "the credential that was listed; open a dispute");
            }
            return reader.read(bytes, true);
        } finally {
            plain.wipe();
        }
    }

    /** Collects at most {@link #MAX_PACKAGE_BYTES}, and can be wiped. */
    private static final class Bounded extends OutputStream {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private byte[] snapshot = new byte[0];

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (buf.size() + len > MAX_PACKAGE_BYTES) {
                throw new IOException("The decrypted package is larger than " + MAX_PACKAGE_BYTES
                        + " bytes, far more than a credential package: refused");
            }
            buf.write(b, off, len);
        }

        byte[] toByteArray() {
            snapshot = buf.toByteArray();
            return snapshot;
        }

        void wipe() {
            Arrays.fill(snapshot, (byte) 0);
            buf.reset();
        }
    }
}
