package io.enclave.credentials.pkg;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * Packages for format tests. The proof numbers have a real proof's shape and ranges but are not a proof: whether a
 * proof verifies is the ZK layer's test.
 */
public final class SamplePackages {
    private SamplePackages() {
    }

    public static CredentialPackage salaryAtLeast(long minorUnits) {
        try {
            Predicate p = Predicate.create(SchemaRegistry.builtIn().latest("employment"), "salary-at-least",
                    List.of(JsonNodeFactory.instance.numberNode(minorUnits)));
            ContextBinding ctx = new ContextBinding(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", BigInteger.valueOf(7),
                    "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
            Groth16Proof proof = new Groth16Proof(List.of(
                    n("1368015179489954701390400359078579693043519447331113978918064868415326638035"),
                    n("9918110051302171585080402603319702774565515993150576347155970296011118125764"), BigInteger.ONE),
                    List.of(List.of(n("2"), n("3")), List.of(n("4"), n("5")), List.of(BigInteger.ONE, BigInteger.ZERO)),
                    List.of(n("6"), n("7"), BigInteger.ONE));
            Issuer issuer = new Issuer(Issuer.Provenance.ISSUER,
                    n("5299619240641551281634865583518297030282874472190772894086521144482721001553"),
                    n("16950150798460657717958625567821834550301663161624707787222815936182638968203"));
            return new CredentialPackage(p.schemaId(), p, "enclave.range-gte.v1", "0x" + "ab".repeat(32), proof,
                    List.of(BigInteger.ONE, p.encodedConstants().get(0), issuer.ax(), issuer.ay(), ctx.fieldElement()),
                    issuer, ctx.fieldElement(), Instant.parse("2026-11-29T00:00:00Z"), Instant.parse("2027-11-29T00:00:00Z"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static BigInteger n(String s) {
        return new BigInteger(s);
    }
}
