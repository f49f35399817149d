pragma circom 2.1.0;

// Set membership: value is a leaf of a Poseidon Merkle tree of depth 16 (up to 65,536 members) whose root is public.
// Leaf = Poseidon(value); node = Poseidon(left, right); unused leaves are 0 (no value hashes to 0).
// pathIndices[i] = 1 when the running node is the right child at level i (level 0 = leaves).

include "credential.circom";

template MerkleRoot(depth) {
    signal input leaf;
    signal input pathElements[depth];
    signal input pathIndices[depth];
    signal output root;

    component hashers[depth];
    signal nodes[depth + 1];
    signal left[depth];
    signal right[depth];
    nodes[0] <== leaf;
    for (var i = 0; i < depth; i++) {
        pathIndices[i] * (1 - pathIndices[i]) === 0;
        // left = index ? sibling : node; right = index ? node : sibling
        left[i] <== nodes[i] + pathIndices[i] * (pathElements[i] - nodes[i]);
        right[i] <== pathElements[i] + nodes[i] - left[i];
        hashers[i] = Poseidon(2);
        hashers[i].inputs[0] <== left[i];
        hashers[i].inputs[1] <== right[i];
        nodes[i + 1] <== hashers[i].out;
    }
    root <== nodes[depth];
}

template MembershipCredential(depth) {
    signal input issuerAx;
    signal input issuerAy;
    signal input schema;
    signal input attribute;
    signal input subject;
    signal input context;
    signal input timeBound;
    signal input setRoot;

    signal input value;
    signal input salt;
    signal input expiry;
    signal input sigR8x;
    signal input sigR8y;
    signal input sigS;
    signal input pathElements[depth];
    signal input pathIndices[depth];

    component attr = SignedAttribute();
    attr.issuerAx <== issuerAx;
    attr.issuerAy <== issuerAy;
    attr.schema <== schema;
    attr.attribute <== attribute;
    attr.subject <== subject;
    attr.context <== context;
    attr.timeBound <== timeBound;
    attr.value <== value;
    attr.salt <== salt;
    attr.expiry <== expiry;
    attr.sigR8x <== sigR8x;
    attr.sigR8y <== sigR8y;
    attr.sigS <== sigS;

    component leaf = Poseidon(1);
    leaf.inputs[0] <== value;

    component tree = MerkleRoot(depth);
    tree.leaf <== leaf.out;
    for (var i = 0; i < depth; i++) {
        tree.pathElements[i] <== pathElements[i];
        tree.pathIndices[i] <== pathIndices[i];
    }
    tree.root === setRoot;
}

component main {public [issuerAx, issuerAy, schema, attribute, subject, context, timeBound, setRoot]} = MembershipCredential(16);
