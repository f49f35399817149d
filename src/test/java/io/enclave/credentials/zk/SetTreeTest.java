package io.enclave.credentials.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.zk.poseidon.Poseidon;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The membership set commitment against a naive full-tree computation, and its paths against the root. */
class SetTreeTest {

    @Test
    void rootEqualsTheNaiveTreeAndEveryPathLeadsToIt() {
        List<BigInteger> members = List.of(BigInteger.valueOf(1000), BigInteger.valueOf(1001), BigInteger.valueOf(7),
                BigInteger.valueOf(42), BigInteger.valueOf(99));
        SetTree tree = new SetTree(members);
        assertThat(tree.root()).isEqualTo(naiveRoot(members));
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

    /** All 2^16 leaves, hashed level by level: slow but obviously right. */
    private static BigInteger naiveRoot(List<BigInteger> members) {
        List<BigInteger> level = new ArrayList<>();
        for (int i = 0; i < 1 << SetTree.DEPTH; i++) {
            level.add(i < members.size() ? Poseidon.hash(members.get(i)) : BigInteger.ZERO);
        }
        while (level.size() > 1) {
            List<BigInteger> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                next.add(Poseidon.hash(level.get(i), level.get(i + 1)));
            }
            level = next;
        }
        return level.get(0);
    }
}
