package io.enclave.credentials.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.testsupport.NodeScript;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CredentialPackageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PackageReader reader = new PackageReader(SchemaRegistry.builtIn());
    private final CredentialPackage pkg = SamplePackages.salaryAtLeast(5000000);

    @Test
    void roundTripThroughCanonicalBytes() throws Exception {
        byte[] bytes = pkg.canonicalBytes();
        CredentialPackage back = reader.read(bytes, true);
        assertThat(back).isEqualTo(pkg);
        assertThat(back.canonicalBytes()).isEqualTo(bytes);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"circuit\":{\"id\":\"enclave.range-gte.v1\"")
                .doesNotContain("\": ").doesNotContain(", \"").doesNotContain("\n");
    }

    @Test
    void credentialHashMatchesAnIndependentJavaScriptImplementation() throws Exception {
        JsonNode answer = NodeScript.call(NodeScript.resource(CredentialPackageTest.class, "package-hash-oracle.js"),
                Map.of("document", pkg.toJson()));
        assertThat(new String(pkg.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(answer.get("canonical").asText());
        assertThat("0x" + HexFormat.of().formatHex(pkg.credentialHash())).isEqualTo(answer.get("hash").asText());
    }

    @Test
    void nonCanonicalBytesAreReadOnlyWhenAllowed() throws Exception {
        byte[] pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(pkg.toJson());
        assertThat(reader.read(pretty, false)).isEqualTo(pkg);
        assertThatThrownBy(() -> reader.read(pretty, true)).hasMessageContaining("not in canonical form");
    }

    @Test
    void everyKindOfMalformedPackageIsNamed() {
        rejects(o -> o.put("extra", 1), "unknown field 'extra'");
        rejects(o -> o.put("version", 2), "version 2 is not supported");
        rejects(o -> o.put("type", "Something"), "Not an Enclave credential package");
        rejects(o -> o.remove("proof"), "package.proof is missing");
        rejects(o -> ((ObjectNode) o.get("circuit")).put("verificationKeyHash", "0xABC"), "verification key hash");
        rejects(o -> ((ObjectNode) o.get("proof")).withArray("pi_a").set(0, Groth16Proof.Q.toString()), "pi_a[0]");
        rejects(o -> ((ObjectNode) o.get("proof")).withArray("pi_c").set(1, "007"), "leading zeros");
        rejects(o -> ((ObjectNode) o.get("proof")).put("curve", "bls12-381"), "not a Groth16 proof on bn128");
        rejects(o -> o.withArray("publicSignals").set(0, "-1"), "publicSignals[0]");
        rejects(o -> o.putArray("publicSignals"), "public signals");
        rejects(o -> ((ObjectNode) o.get("predicate")).withArray("encodedConstants").set(0, "1"), "does not match");
        rejects(o -> ((ObjectNode) o.get("predicate")).put("schema", "urn:enclave:schema:pets:1"), "pets");
        rejects(o -> ((ObjectNode) o.get("issuer")).put("provenance", "government"), "provenance");
        rejects(o -> o.put("validUntil", o.get("validFrom").longValue()), "must end after it starts");
        rejects(o -> o.put("context", "x"), "package.context");
        assertThatThrownBy(() -> reader.read("{\"type\":".getBytes(StandardCharsets.UTF_8), false))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> reader.read((new String(pkg.canonicalBytes(), StandardCharsets.UTF_8) + "{}")
                .getBytes(StandardCharsets.UTF_8), false)).hasMessageContaining("not valid JSON");
        String dup = new String(pkg.canonicalBytes(), StandardCharsets.UTF_8).replaceFirst("\\{", "{\"context\":\"1\",");
        assertThatThrownBy(() -> reader.read(dup.getBytes(StandardCharsets.UTF_8), false)).hasMessageContaining("not valid JSON");
    }

    @Test
    void everySingleByteChangeIsRefusedOrChangesTheHash() {
        byte[] bytes = pkg.canonicalBytes();
        byte[] hash = pkg.credentialHash();
        int accepted = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte[] t = bytes.clone();
            t[i] ^= 0x01;
            try {
                CredentialPackage p = reader.read(t, true);
                accepted++;
                assertThat(p.credentialHash()).as("byte " + i).isNotEqualTo(hash);
            } catch (PackageException expected) {
                // refused: fine
            }
        }
        // changes to structure are refused; a changed digit of a proof number makes another package with another hash
        assertThat(accepted).isPositive().isLessThan(bytes.length * 2 / 3);
    }

    @Test
    void verifiableCredentialExportStatesThePredicateNotTheValue() {
        ObjectNode vc = VerifiableCredentialExport.toVerifiableCredential(pkg);
        assertThat(vc.get("@context").get(0).asText()).isEqualTo("https://www.w3.org/ns/credentials/v2");
        assertThat(vc.get("type").toString()).isEqualTo("[\"VerifiableCredential\",\"EnclaveZkCredential\"]");
        assertThat(vc.get("id").asText()).isEqualTo("urn:enclave:credential:0x" + HexFormat.of().formatHex(pkg.credentialHash()));
        assertThat(vc.get("issuer").asText()).startsWith("urn:enclave:issuer:babyjubjub:");
        assertThat(vc.get("validFrom").asText()).isEqualTo("2026-11-29T00:00:00Z");
        assertThat(vc.get("validUntil").asText()).isEqualTo("2027-11-29T00:00:00Z");
        assertThat(vc.at("/credentialSubject/statement").asText()).isEqualTo("Annual salary at least 50000.00 [annualSalary ≥]");
        assertThat(vc.at("/credentialSchema/id").asText()).isEqualTo("urn:enclave:schema:employment:1");
        assertThat(vc.at("/proof/type").asText()).isEqualTo(VerifiableCredentialExport.PROOF_TYPE);
        assertThat(vc.at("/proof/groth16/protocol").asText()).isEqualTo("groth16");
        assertThat(vc.at("/proof/publicSignals").size()).isEqualTo(5);
    }

    private void rejects(Consumer<ObjectNode> change, String message) {
        ObjectNode o = pkg.toJson();
        change.accept(o);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(o);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> reader.read(bytes, false)).as(message).isInstanceOf(PackageException.class)
                .hasMessageContaining(message);
        assertThat(Arrays.equals(bytes, pkg.canonicalBytes())).isFalse();
    }
}
