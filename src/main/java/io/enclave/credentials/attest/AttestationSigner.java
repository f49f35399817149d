package io.enclave.credentials.attest;

import io.enclave.credentials.pkg.Issuer;
import java.math.BigInteger;
import java.util.List;

/** Issuer mode: signs {@code Poseidon(message)} with the issuer's BabyJubJub key (EdDSA-Poseidon, from io.enclave.zk). */
public interface AttestationSigner {
    /** The signing key; its provenance says whether it is a registered issuer's or the holder's own. */
    Issuer issuer();

    EdDsaSignature sign(List<BigInteger> message);
}
