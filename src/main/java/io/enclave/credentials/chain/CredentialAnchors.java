package io.enclave.credentials.chain;

import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.RegistryContext;
import io.enclave.credentials.zk.CredentialCircuit;
import io.enclave.credentials.zk.ProofException;
import java.math.BigInteger;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The credential-side transactions on CredentialRegistry, through its web3j wrapper (which, with Enclave's
 * EstimatingTransactionManager, simulates first and decodes custom errors): mark a credential verified with a proof
 * made for the registry's context, revoke a credential, revoke an attestation (issuer).
 */
public final class CredentialAnchors {
    private final CredentialRegistry registry;
    private final long chainId;

    public CredentialAnchors(CredentialRegistry registry, long chainId) {
        this.registry = registry;
        this.chainId = chainId;
    }

    /** The context a proof for {@link #markVerified} must carry for this holder (the registry's verificationContext). */
    public BigInteger verificationContext(String holder) {
        return new RegistryContext(chainId, registry.getContractAddress(), holder).fieldElement();
    }

    /**
     * Submits {@code proofPackage}'s proof to mark the anchored credential {@code credentialHash} verified. The proof
     * must have been made for {@link #verificationContext} of the credential's holder.
     */
    public TransactionReceipt markVerified(byte[] credentialHash, CredentialPackage proofPackage) throws Exception {
        CredentialCircuit circuit = CredentialCircuit.ofPackageId(proofPackage.circuitId());
        if (proofPackage.publicSignals().size() != circuit.publicSignals()) {
            throw new ProofException("The proof has " + proofPackage.publicSignals().size() + " public signals; "
                    + circuit.packageId() + " has " + circuit.publicSignals());
        }
        return registry.markVerified(credentialHash, BigInteger.valueOf(circuit.registryId()),
                OnChainProof.words(proofPackage.proof()), proofPackage.publicSignals()).send();
    }

    /** Holder or issuer: revokes an anchored credential. */
    public TransactionReceipt revokeCredential(byte[] credentialHash) throws Exception {
        return registry.revoke(credentialHash).send();
    }

    /** Issuer: revokes an attestation it signed (by the keccak256 of its canonical JSON). */
    public TransactionReceipt revokeAttestation(byte[] attestationHash) throws Exception {
        return registry.revokeAttestation(attestationHash).send();
    }

    public boolean isValid(byte[] credentialHash) throws Exception {
        return registry.isValid(credentialHash).send();
    }
}
