package io.enclave.credentials.zk;

import io.enclave.credentials.attest.AttestationSignatureVerifier;
import io.enclave.credentials.attest.EdDsaSignature;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.zk.babyjub.BabyJubJub;
import io.enclave.zk.babyjub.EddsaPoseidon;
import io.enclave.zk.poseidon.Poseidon;
import java.math.BigInteger;
import java.util.List;

/**
 * The real {@link AttestationSignatureVerifier}: EdDSA-Poseidon on BabyJubJub (io.enclave.zk, checked against
 * circomlibjs) over {@code Poseidon(message)} — the same check the circuits make, so an attestation that passes here
 * can be proven. Anything malformed (points off the curve, S not below the subgroup order, coordinates out of the
 * field, a message longer than Poseidon takes) is a failed verification, never an exception.
 */
public final class EddsaAttestationVerifier implements AttestationSignatureVerifier {

    @Override
    public boolean verify(Issuer signer, List<BigInteger> message, EdDsaSignature signature) {
        if (signer == null || message == null || signature == null || message.isEmpty()
                || message.size() > Poseidon.MAX_INPUTS) {
            return false;
        }
        try {
            BabyJubJub.Point key = new BabyJubJub.Point(signer.ax(), signer.ay());
            BabyJubJub.Point r8 = new BabyJubJub.Point(signature.r8x(), signature.r8y());
            BigInteger m = Poseidon.hash(message);
            return EddsaPoseidon.verify(key, m, new EddsaPoseidon.Signature(r8, signature.s()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
