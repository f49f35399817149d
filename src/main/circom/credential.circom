pragma circom 2.1.0;

// Shared core of every Enclave credential circuit: an issuer-signed attribute, bound to its holder
// (subject), to one sale (context) and to a time bound. See docs/ZK.md for the public-signal order.

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/eddsaposeidon.circom";
include "circomlib/circuits/comparators.circom";
include "circomlib/circuits/bitify.circom";

// Checks the issuer's EdDSA-Poseidon (BabyJubJub) signature over
//   Poseidon(schema, attribute, value, salt, subject, expiry)
// and that the attestation has not expired: timeBound < expiry, both 64-bit (Num2Bits).
// The context is a public input that must appear in a constraint (contextSquare) so that a proof
// made for one context never verifies for another.
template SignedAttribute() {
    // public
    signal input issuerAx;
    signal input issuerAy;
    signal input schema;
    signal input attribute;
    signal input subject;
    signal input context;
    signal input timeBound;
    // private
    signal input value;
    signal input salt;
    signal input expiry;
    signal input sigR8x;
    signal input sigR8y;
    signal input sigS;

    component message = Poseidon(6);
    message.inputs[0] <== schema;
    message.inputs[1] <== attribute;
    message.inputs[2] <== value;
    message.inputs[3] <== salt;
    message.inputs[4] <== subject;
    message.inputs[5] <== expiry;

    component signature = EdDSAPoseidonVerifier();
    signature.enabled <== 1;
    signature.Ax <== issuerAx;
    signature.Ay <== issuerAy;
    signature.S <== sigS;
    signature.R8x <== sigR8x;
    signature.R8y <== sigR8y;
    signature.M <== message.out;

    component timeBits = Num2Bits(64);
    timeBits.in <== timeBound;
    component expiryBits = Num2Bits(64);
    expiryBits.in <== expiry;
    component notExpired = LessThan(64);
    notExpired.in[0] <== timeBound;
    notExpired.in[1] <== expiry;
    notExpired.out === 1;

    signal contextSquare;
    contextSquare <== context * context;
}
