package io.enclave.market.sell;

import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.attest.AttestationException;
import io.enclave.credentials.attest.AttestationFile;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.EciesKeyHolder;
import io.enclave.credentials.schema.SchemaException;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.crypto.ecies.Secp256k1Ecies;
import io.enclave.market.MarketException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.web3j.utils.Numeric;

/**
 * The attestation a listing is proven from, as the seller's vault keeps it for per-buyer proofs: the attestation file
 * (ECIES to the seller's account key), opened only in memory when a delivery proves.
 */
public final class ProvingMaterial {
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.builtIn();

    private ProvingMaterial() {
    }

    /** Opens an attestation file with the seller's key; a file for another key or a damaged one is a readable error. */
    public static Attestation open(EciesKeyHolder sellerKeys, byte[] attestationFile) {
        try {
            return new AttestationFile(new Secp256k1Ecies(), SCHEMAS).open(sellerKeys, attestationFile);
        } catch (AttestationException e) {
            throw new MarketException("The attestation cannot be opened with this account's key: " + e.getMessage()
                    + ". Per-buyer proofs need the attestation issued to the selling account.", e);
        }
    }

    static byte[] seal(Attestation a, EciesKeyHolder sellerKeys) {
        try {
            return new AttestationFile(new Secp256k1Ecies(), SCHEMAS).seal(a, sellerKeys.publicKey());
        } catch (AttestationException e) {
            throw new MarketException("The attestation cannot be kept for per-buyer proofs: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses an attestation that cannot prove the package's statement again: another holder than the seller, another
     * issuer key, schema or attribute, expired, or a value the predicate does not hold for.
     */
    static void check(CredentialPackage pkg, Attestation a, String seller) {
        String why = null;
        List<BigInteger> signals = pkg.publicSignals();
        try {
            if (!a.subject().equals(Numeric.toBigInt(seller))) {
                why = "it was issued to " + String.format("0x%040x", a.subject()) + ", not to the selling account " + seller;
            } else if (!a.issuer().ax().equals(pkg.issuer().ax()) || !a.issuer().ay().equals(pkg.issuer().ay())) {
                why = "it is signed by another issuer key than the package's";
            } else if (!a.schemaId().equals(pkg.schemaId()) || !a.attribute().equals(pkg.predicate().attribute())) {
                why = "it is about " + a.schemaId() + " / " + a.attribute() + ", the package about " + pkg.schemaId() + " / "
                        + pkg.predicate().attribute();
            } else if (signals.size() > 4 && !signals.get(4).equals(a.subject())) {
                why = "the package was proven for another holder";
            } else if (!Instant.now().isBefore(a.expiresAt())) {
                why = "it expired on " + a.expiresAt();
            } else if (!pkg.predicate().holds(SCHEMAS.get(a.schemaId()), a.value())) {
                why = "its value does not satisfy \"" + pkg.predicate().statement() + "\"";
            }
        } catch (SchemaException e) {
            why = "its schema cannot be read: " + e.getMessage();
        }
        if (why != null) {
            throw new MarketException("This attestation cannot prove the package's statement again for buyers: " + why
                    + ". Nothing was published.");
        }
    }
}
