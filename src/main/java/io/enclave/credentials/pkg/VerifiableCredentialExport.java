package io.enclave.credentials.pkg;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A credential package as a W3C Verifiable Credential 2.0 document (docs/CREDENTIALS.md, "Verifiable Credential
 * export"). The subject is the predicate statement, never the value. The {@code proof} is of type
 * {@value #PROOF_TYPE}: the snarkjs Groth16 proof with its public signals, circuit id and verification-key hash; a
 * verifier checks it with the circuit's verification key and recomputes the credential hash from the package.
 */
public final class VerifiableCredentialExport {
    public static final String VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
    public static final String PROOF_TYPE = "EnclaveGroth16Proof2026";

    private VerifiableCredentialExport() {
    }

    public static ObjectNode toVerifiableCredential(CredentialPackage p) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String hash = "0x" + HexFormat.of().formatHex(p.credentialHash());
        ObjectNode vc = f.objectNode();
        vc.putArray("@context").add(VC_CONTEXT);
        vc.put("id", "urn:enclave:credential:" + hash);
        ArrayNode type = vc.putArray("type");
        type.add("VerifiableCredential");
        type.add("EnclaveZkCredential");
        vc.put("issuer", issuerId(p.issuer()));
        vc.put("validFrom", iso(p.validFrom()));
        vc.put("validUntil", iso(p.validUntil()));
        ObjectNode schema = vc.putObject("credentialSchema");
        schema.put("id", p.schemaId());
        schema.put("type", "JsonSchema");
        ObjectNode subject = vc.putObject("credentialSubject");
        subject.put("type", "EnclavePredicateStatement");
        subject.put("statement", p.predicate().statement());
        subject.set("predicate", p.predicate().toJson());
        subject.put("provenance", p.issuer().provenance().id());
        subject.put("context", p.context().toString());
        ObjectNode proof = vc.putObject("proof");
        proof.put("type", PROOF_TYPE);
        proof.put("proofPurpose", "assertionMethod");
        proof.put("created", iso(p.validFrom()));
        proof.put("circuit", p.circuitId());
        proof.put("verificationKeyHash", p.verificationKeyHash());
        proof.put("credentialHash", hash);
        proof.set("groth16", p.proof().toJson());
        ArrayNode signals = proof.putArray("publicSignals");
        p.publicSignals().forEach(s -> signals.add(s.toString()));
        return vc;
    }

    /** {@code urn:enclave:issuer:babyjubjub:<ax hex>:<ay hex>} (self-attested keys say so). */
    static String issuerId(Issuer issuer) {
        return "urn:enclave:" + (issuer.selfAttested() ? "self-attested" : "issuer") + ":babyjubjub:"
                + issuer.ax().toString(16) + ":" + issuer.ay().toString(16);
    }

    private static String iso(Instant t) {
        return t.toString();
    }
}
