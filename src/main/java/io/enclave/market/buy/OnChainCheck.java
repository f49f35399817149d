package io.enclave.market.buy;

import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.credentials.chain.OnChainProof;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.zk.CredentialCircuit;
import io.enclave.market.MarketChain;
import io.enclave.market.OnChainVerdict;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Verifies a package's Groth16 proof with the chain's own verifier: the verifier the CredentialRegistry registered for
 * the package's circuit is asked in a view call ({@code eth_call}: no transaction, no gas), with the proof and signals
 * exactly as {@code markVerified} would pass them. The registry's {@code verifiedProof} record (set when the seller
 * ran markVerified) is read too and compared with this very proof.
 */
public final class OnChainCheck {
    private static final BigInteger WORD = BigInteger.ONE.shiftLeft(256);

    private final MarketChain chain;

    public OnChainCheck(MarketChain chain) {
        this.chain = chain;
    }

    /**
     * Asks the chain.
     *
     * @throws io.enclave.market.MarketException when the RPC endpoint does not answer (nothing is decided then)
     */
    public OnChainVerdict verify(CredentialPackage pkg, String credentialHash) {
        Optional<CredentialCircuit> circuit = Arrays.stream(CredentialCircuit.values())
                .filter(c -> c.packageId().equals(pkg.circuitId()) || c.buildId().equals(pkg.circuitId())).findFirst();
        String record = registryRecord(pkg, credentialHash);
        if (circuit.isEmpty()) {
            return new OnChainVerdict(OnChainVerdict.Outcome.UNAVAILABLE, 0, null, "circuit '" + pkg.circuitId()
                    + "' has no verifier in the registry; nothing was checked on chain", record);
        }
        int id = circuit.get().registryId();
        CredentialRegistry.Circuit reg = chain.read("circuit " + id + " of the registry",
                chain.registry().circuit(BigInteger.valueOf(id)));
        if (reg.verifier == null || Numeric.toBigInt(reg.verifier).signum() == 0) {
            return new OnChainVerdict(OnChainVerdict.Outcome.UNAVAILABLE, id, null, "the registry has no verifier for "
                    + "circuit " + id + " (" + circuit.get().packageId() + "); nothing was checked on chain", record);
        }
        String verifier = reg.verifier.toLowerCase(Locale.ROOT);
        int inputs = reg.publicInputs.intValueExact();
        if (pkg.publicSignals().size() != inputs) {
            return rejected(id, verifier, "the proof has " + pkg.publicSignals().size() + " public signals, the chain's "
                    + "verifier for circuit " + id + " takes " + inputs, record);
        }
        List<BigInteger> words = new ArrayList<>(OnChainProof.words(pkg.proof()));
        words.addAll(pkg.publicSignals());
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(reg.selector);
        for (BigInteger w : words) {
            if (w.signum() < 0 || w.compareTo(WORD) >= 0) {
                return rejected(id, verifier, "a proof value does not fit a 256-bit word", record);
            }
            data.writeBytes(Numeric.toBytesPadded(w, 32));
        }
        Optional<String> answer = chain.viewCall("Verifying the proof on chain with " + verifier, verifier,
                Numeric.toHexString(data.toByteArray()));
        if (answer.isEmpty()) {
            return rejected(id, verifier, "the chain's verifier for circuit " + id + " (" + verifier + ") reverted on "
                    + "this proof", record);
        }
        byte[] ret = Numeric.hexStringToByteArray(answer.get());
        if (ret.length != 32) {
            return rejected(id, verifier, "the chain's verifier for circuit " + id + " (" + verifier + ") gave no "
                    + "answer (" + ret.length + " bytes): is it a verifier?", record);
        }
        if (new BigInteger(1, ret).equals(BigInteger.ONE)) {
            return new OnChainVerdict(OnChainVerdict.Outcome.ACCEPTED, id, verifier, "the chain's verifier for circuit "
                    + id + " (" + verifier + ") accepts the proof", record);
        }
        return rejected(id, verifier, "the chain's verifier for circuit " + id + " (" + verifier + ") refuses the proof",
                record);
    }

    /** What CredentialRegistry.verifiedProof says: this proof, another one, or none. */
    private String registryRecord(CredentialPackage pkg, String credentialHash) {
        byte[] hash = Numeric.hexStringToByteArray(credentialHash);
        CredentialRegistry.Credential c = chain.read("credential " + credentialHash, chain.registry().credential(hash));
        if (c.verifiedBy == null || c.verifiedBy.signum() == 0) {
            return "not verified on chain (the seller did not run markVerified)";
        }
        byte[] stored = chain.read("verified proof of " + credentialHash, chain.registry().verifiedProof(hash));
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        OnChainProof.words(pkg.proof()).forEach(w -> packed.writeBytes(Numeric.toBytesPadded(w, 32)));
        pkg.publicSignals().forEach(w -> packed.writeBytes(Numeric.toBytesPadded(w, 32)));
        boolean same = Arrays.equals(stored, Hash.sha3(packed.toByteArray()));
        return "verified on chain with circuit " + c.verifiedBy + (same ? ", with this very proof"
                : ", with another proof than this package's (made for the registry's context)");
    }

    private static OnChainVerdict rejected(int id, String verifier, String reason, String record) {
        return new OnChainVerdict(OnChainVerdict.Outcome.REJECTED, id, verifier, reason, record);
    }
}
