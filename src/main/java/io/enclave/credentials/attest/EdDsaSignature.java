package io.enclave.credentials.attest;

import java.math.BigInteger;

/** An EdDSA-Poseidon signature on BabyJubJub: the point R8 and the scalar S (S below the subgroup order l). */
public record EdDsaSignature(BigInteger r8x, BigInteger r8y, BigInteger s) {
    /** The order l of BabyJubJub's prime subgroup. */
    public static final BigInteger SUBGROUP_ORDER = new BigInteger(
            "2736030358979909402780800718157159386076813972158567259200215660948447373041");
}
