package io.enclave.zk.babyjub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.zk.ZkFixtures;
import io.enclave.zk.poseidon.Poseidon;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known-answer vectors computed by circomlibjs (the oracle, run through node in the test): Poseidon for every width
 * circomlib supports, and EdDSA-Poseidon public keys and signatures (which also pins BLAKE-512 and BabyJubJub).
 */
class CircomlibjsVectorsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void poseidonAndEddsaMatchCircomlibjs() throws IOException {
        Random rnd = new Random(2024);
        ObjectNode req = JSON.createObjectNode();
        ArrayNode poseidon = req.putArray("poseidon");
        List<List<BigInteger>> inputs = new ArrayList<>();
        for (int n = 1; n <= Poseidon.MAX_INPUTS; n++) {
            for (int rep = 0; rep < 2; rep++) {
                List<BigInteger> in = new ArrayList<>();
                ArrayNode arr = poseidon.addArray();
                for (int i = 0; i < n; i++) {
                    BigInteger x = rep == 0 ? BigInteger.valueOf(i + 1) : new BigInteger(254, rnd).mod(Poseidon.hashModulus());
                    in.add(x);
                    arr.add(x.toString());
                }
                inputs.add(in);
            }
        }
        ArrayNode eddsa = req.putArray("eddsa");
        List<byte[]> keys = new ArrayList<>();
        List<BigInteger> msgs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] key = new byte[32];
            rnd.nextBytes(key);
            BigInteger msg = i == 0 ? BigInteger.ZERO : new BigInteger(253, rnd);
            keys.add(key);
            msgs.add(msg);
            eddsa.addObject().put("key", HexFormat.of().formatHex(key)).put("msg", msg.toString());
        }
        Path file = tmp.resolve("request.json");
        Files.writeString(file, req.toString());
        JsonNode answer = JSON.readTree(ZkFixtures.node("vectors", file.toString()));

        for (int i = 0; i < inputs.size(); i++) {
            assertThat(Poseidon.hash(inputs.get(i))).as("Poseidon of %d inputs", inputs.get(i).size())
                    .isEqualTo(new BigInteger(answer.get("poseidon").get(i).asText()));
        }
        for (int i = 0; i < keys.size(); i++) {
            JsonNode e = answer.get("eddsa").get(i);
            BabyJubJub.Point pub = EddsaPoseidon.publicKey(keys.get(i));
            assertThat(pub).isEqualTo(new BabyJubJub.Point(new BigInteger(e.get("ax").asText()),
                    new BigInteger(e.get("ay").asText())));
            EddsaPoseidon.Signature sig = EddsaPoseidon.sign(keys.get(i), msgs.get(i));
            assertThat(sig.r8()).isEqualTo(new BabyJubJub.Point(new BigInteger(e.get("r8x").asText()),
                    new BigInteger(e.get("r8y").asText())));
            assertThat(sig.s()).isEqualTo(new BigInteger(e.get("s").asText()));
            assertThat(e.get("valid").asBoolean()).isTrue();
            assertThat(EddsaPoseidon.verify(pub, msgs.get(i), sig)).isTrue();
        }
    }
}
