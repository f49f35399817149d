package io.enclave.credentials.zk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.testsupport.Snarkjs;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java set commitment equals circomlibjs's (build/zk/attest.js merkle): root, path and indices, per member. */
class SetTreeIT {

    @Test
    void rootAndPathsEqualCircomlibjs() {
        List<BigInteger> members = List.of(BigInteger.valueOf(1000), BigInteger.valueOf(1001), BigInteger.valueOf(7),
                new BigInteger("12345678901234567890123456789"), BigInteger.valueOf(99));
        SetTree tree = new SetTree(members);
        for (int i : new int[] {0, members.size() - 1}) { // first and last (node start-up is the cost)
            ObjectNode req = Snarkjs.json().createObjectNode();
            ArrayNode set = req.putArray("set");
            members.forEach(m -> set.add(m.toString()));
            req.put("value", members.get(i).toString());
            JsonNode js = Snarkjs.attest("merkle", req);
            assertThat(tree.root().toString()).isEqualTo(js.get("root").asText());
            SetTree.Path p = tree.path(i);
            for (int d = 0; d < SetTree.DEPTH; d++) {
                assertThat(p.elements().get(d).toString()).as("member %d level %d", i, d)
                        .isEqualTo(js.get("pathElements").get(d).asText());
                assertThat(p.indices().get(d)).isEqualTo(js.get("pathIndices").get(d).asInt());
            }
        }
    }
}
