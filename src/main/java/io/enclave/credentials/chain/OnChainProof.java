package io.enclave.credentials.chain;

import io.enclave.credentials.pkg.Groth16Proof;
import java.math.BigInteger;
import java.util.List;

/**
 * A Groth16 proof flattened as CredentialRegistry.markVerified and the snarkjs Solidity verifiers take it (snarkjs's
 * calldata order): pA[0], pA[1], pB[0][1], pB[0][0], pB[1][1], pB[1][0], pC[0], pC[1] — each G2 coordinate as (c1, c0),
 * the order of the EVM pairing precompile.
 */
public final class OnChainProof {
    private OnChainProof() {
    }

    public static List<BigInteger> words(Groth16Proof p) {
        return List.of(p.a().get(0), p.a().get(1), p.b().get(0).get(1), p.b().get(0).get(0), p.b().get(1).get(1),
                p.b().get(1).get(0), p.c().get(0), p.c().get(1));
    }
}
