package io.enclave.market.deliver;

import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationException;
import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.chain.OnChainIssuerRegistry;
import io.enclave.credentials.pkg.ContextBinding;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.EciesKeyHolder;
import io.enclave.credentials.pkg.PackageException;
import io.enclave.credentials.pkg.PackageReader;
import io.enclave.credentials.pkg.PerBuyerProof;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.CredentialProver;
import io.enclave.credentials.zk.EddsaAttestationVerifier;
import io.enclave.credentials.zk.PackageVerifier;
import io.enclave.credentials.zk.ProofException;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketException;
import io.enclave.market.MarketStore;
import io.enclave.market.sell.ProvingMaterial;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkProver;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;

/**
 * Makes the proof a delivery carries: the listing's statement proven again from the seller's attestation, bound to
 * {@code ContextBinding(chain, marketplace, listing, buyer)} and to the chain's current time. One instance keeps one
 * {@link CircuitRegistry}, so the proving key and witness program are loaded once per process (the first delivery
 * pays for it), never per delivery. The attestation is checked like the holder's own check (issuer registered and
 * active, not revoked, unexpired) before proving, and the proof is verified before it is sent.
 */
final class BuyerProofs {
    private final MarketChain chain;
    private final EciesKeyHolder sellerKeys;
    private final CircuitRegistry circuits;
    private final CredentialProver prover;
    private final Clock clock;
    private final PackageReader reader = new PackageReader(SchemaRegistry.builtIn());

    BuyerProofs(MarketChain chain, EciesKeyHolder sellerKeys, CircuitRegistry circuits, Clock clock) {
        this.chain = chain;
        this.sellerKeys = sellerKeys;
        this.circuits = circuits;
        this.prover = new CredentialProver(new ZkProver(circuits), SchemaRegistry.builtIn());
        this.clock = clock;
    }

    /** Loads the circuits the given publications are proven with (the watcher does it before its first pass). */
    void warmUp(MarketStore.Proving proving) {
        try {
            CredentialPackage pkg = reader.read(proving.packageJson(), true);
            circuits.circuit(io.enclave.credentials.zk.CredentialCircuit.ofPackageId(pkg.circuitId()).buildId());
        } catch (PackageException | ProofException | IllegalArgumentException e) {
            // nothing to warm: the delivery itself will say what is wrong
        }
    }

    /** Proves the publication's statement for {@code buyer} of {@code listingId}; the result is verified already. */
    PerBuyerProof prove(MarketStore.Proving proving, BigInteger listingId, String buyer) {
        CredentialPackage pkg;
        try {
            pkg = reader.read(proving.packageJson(), true);
        } catch (PackageException e) {
            throw new MarketException("The package kept for listing " + listingId + " cannot be read: " + e.getMessage(), e);
        }
        Attestation a = ProvingMaterial.open(sellerKeys, proving.attestationFile());
        CheckedAttestation checked;
        try {
            checked = new AttestationChecker(new EddsaAttestationVerifier(), new OnChainIssuerRegistry(chain.registry()),
                    clock).check(a);
        } catch (AttestationException e) {
            throw new MarketException("Listing " + listingId + " cannot be proven for its buyer: " + e.getMessage()
                    + ". Nothing was sent; without a delivery the buyer can take a refund after the deadline.", e);
        }
        BigInteger context = new ContextBinding(chain.chainId(), chain.contracts().marketplace(), listingId, buyer)
                .fieldElement();
        Instant timeBound = Instant.ofEpochSecond(chain.chainTime());
        try {
            CredentialPackage mine = prover.prove(checked, pkg.predicate(), context, timeBound, null);
            PerBuyerProof proof = new PerBuyerProof(context, timeBound, mine.proof());
            new PackageVerifier(circuits).verifyDelivered(pkg, proof, context);
            return proof;
        } catch (ProofException e) {
            throw new MarketException("Listing " + listingId + " cannot be proven for its buyer: " + e.getMessage()
                    + ". Nothing was sent.", e);
        }
    }
}
