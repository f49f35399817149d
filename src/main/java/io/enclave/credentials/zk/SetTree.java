package io.enclave.credentials.zk;

import io.enclave.zk.poseidon.Poseidon;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The membership circuit's set commitment (docs/ZK.md, "Sets"): a binary Poseidon Merkle tree of depth 16 whose leaf
 * {@code i} is {@code Poseidon(member_i)} in the published order, unused leaves 0, node {@code Poseidon(left, right)}.
 * Only the non-empty left part of the tree is hashed; empty subtrees use precomputed roots.
 */
public final class SetTree {
    public static final int DEPTH = 16;
    private static final BigInteger[] EMPTY = new BigInteger[DEPTH + 1];

    static {
        EMPTY[0] = BigInteger.ZERO;
        for (int d = 1; d <= DEPTH; d++) {
            EMPTY[d] = Poseidon.hash(EMPTY[d - 1], EMPTY[d - 1]);
        }
    }

    /** A Merkle path: sibling per level (leaves first) and 1 where the running node is the right child. */
    public record Path(List<BigInteger> elements, List<Integer> indices) {
    }

    private final List<List<BigInteger>> levels = new ArrayList<>();

    public SetTree(List<BigInteger> members) {
        if (members.isEmpty() || members.size() > (1 << DEPTH)) {
            throw new IllegalArgumentException("a set has 1 to " + (1 << DEPTH) + " members");
        }
        List<BigInteger> level = new ArrayList<>();
        for (BigInteger m : members) {
            level.add(Poseidon.hash(m));
        }
        levels.add(level);
        for (int d = 0; d < DEPTH; d++) {
            List<BigInteger> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                BigInteger right = i + 1 < level.size() ? level.get(i + 1) : EMPTY[d];
                next.add(Poseidon.hash(level.get(i), right));
            }
            levels.add(next);
            level = next;
        }
    }

    public BigInteger root() {
        return levels.get(DEPTH).get(0);
    }

    /** The path of member number {@code index} (its position in the published order). */
    public Path path(int index) {
        if (index < 0 || index >= levels.get(0).size()) {
            throw new IllegalArgumentException("no member number " + index);
        }
        List<BigInteger> elements = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        int i = index;
        for (int d = 0; d < DEPTH; d++) {
            List<BigInteger> level = levels.get(d);
            int sibling = i ^ 1;
            elements.add(sibling < level.size() ? level.get(sibling) : EMPTY[d]);
            indices.add(i & 1);
            i >>= 1;
        }
        return new Path(List.copyOf(elements), List.copyOf(indices));
    }
}
