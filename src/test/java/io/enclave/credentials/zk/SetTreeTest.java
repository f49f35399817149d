package io.enclave.credentials.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.zk.poseidon.Poseidon;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every path of the set commitment leads to its root; the root itself is checked against circomlibjs in SetTreeIT. */
class SetTreeTest {

    @Test
    void everyPathLeadsToTheRoot() {
        List<BigInteger> members = List.of(BigInteger.valueOf(1000), BigInteger.valueOf(1001), BigInteger.valueOf(7),
                BigInteger.valueOf(42), BigInteger.valueOf(99));
        SetTree tree = new SetTree(members);
        for (int i = 0; i < members.size(); i++) {
            SetTree.Path p = tree.path(i);
            BigInteger node = Poseidon.hash(members.get(i));
            for (int d = 0; d < SetTree.DEPTH; d++) {
                BigInteger sibling = p.elements().get(d);
                node = p.indices().get(d) == 1 ? Poseidon.hash(sibling, node) : Poseidon.hash(node, sibling);
            }
            assertThat(node).as("path of member %d", i).isEqualTo(tree.root());
        }
        assertThat(new SetTree(members.subList(0, 4)).root()).as("another set").isNotEqualTo(tree.root());
        assertThatThrownBy(() -> tree.path(5)).hasMessageContaining("no member");
        assertThatThrownBy(() -> new SetTree(List.of())).hasMessageContaining("1 to");
    }
}
