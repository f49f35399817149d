pragma circom 2.1.0;

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/eddsaposeidon.circom";
include "circomlib/circuits/comparators.circom";
include "circomlib/circuits/bitify.circom";

// Test circuit on realistic gadgets: an issuer's EdDSA-Poseidon signature over
// Poseidon(attribute, value, salt), and value >= threshold with range-checked comparator inputs.
template SignedAtLeast() {
    signal input issuerAx;
    signal input issuerAy;
    signal input threshold;
    signal input context;
    signal input attribute;
    signal input value;
    signal input salt;
    signal input sigR8x;
    signal input sigR8y;
    signal input sigS;
    signal output contextSquared;

    component h = Poseidon(3);
    h.inputs[0] <== attribute;
    h.inputs[1] <== value;
    h.inputs[2] <== salt;

    component sig = EdDSAPoseidonVerifier();
    sig.enabled <== 1;
    sig.Ax <== issuerAx;
    sig.Ay <== issuerAy;
    sig.R8x <== sigR8x;
    sig.R8y <== sigR8y;
    sig.S <== sigS;
    sig.M <== h.out;

    component valueBits = Num2Bits(64);
    valueBits.in <== value;
    component thresholdBits = Num2Bits(64);
    thresholdBits.in <== threshold;
    component ge = GreaterEqThan(64);
    ge.in[0] <== value;
    ge.in[1] <== threshold;
    ge.out === 1;

    contextSquared <== context * context;
}

component main {public [issuerAx, issuerAy, threshold, context]} = SignedAtLeast();
