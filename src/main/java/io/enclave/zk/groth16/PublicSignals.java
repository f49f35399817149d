package io.enclave.zk.groth16;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The public signals of a proof (outputs first, then public inputs, as circom orders them), snarkjs's public.json. */
public record PublicSignals(List<BigInteger> values) {
    public PublicSignals {
        values = List.copyOf(values);
    }

    public static PublicSignals fromJson(String json) {
        JsonNode n = SnarkJson.parse(json, "public signals");
        if (!n.isArray()) {
            throw new MalformedProofDataException("public signals must be a JSON array of decimal strings");
        }
        List<BigInteger> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(SnarkJson.number(n.get(i), "public signal " + i));
        }
        return new PublicSignals(out);
    }

    /** As {@code JSON.stringify(signals, null, 1)}. */
    public String toJson() {
        return SnarkJson.strings(values.stream().map(BigInteger::toString).toList(), 0);
    }

    public int size() {
        return values.size();
    }

    public BigInteger get(int i) {
        return values.get(i);
    }
}
