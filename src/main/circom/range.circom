pragma circom 2.1.0;

// Range proof: lower <= value <= upper over an issuer-signed attribute. All three are 64-bit unsigned
// integers (Num2Bits(64)); "value >= a" is lower = a, upper = 2^64 - 1 and "value <= b" is lower = 0, upper = b.

include "credential.circom";

template RangeCredential() {
    signal input issuerAx;
    signal input issuerAy;
    signal input schema;
    signal input attribute;
    signal input subject;
    signal input context;
    signal input timeBound;
    signal input lower;
    signal input upper;

    signal input value;
    signal input salt;
    signal input expiry;
    signal input sigR8x;
    signal input sigR8y;
    signal input sigS;

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

    component valueBits = Num2Bits(64);
    valueBits.in <== value;
    component lowerBits = Num2Bits(64);
    lowerBits.in <== lower;
    component upperBits = Num2Bits(64);
    upperBits.in <== upper;

    component atLeast = LessEqThan(64);
    atLeast.in[0] <== lower;
    atLeast.in[1] <== value;
    atLeast.out === 1;

    component atMost = LessEqThan(64);
    atMost.in[0] <== value;
    atMost.in[1] <== upper;
    atMost.out === 1;
}

component main {public [issuerAx, issuerAy, schema, attribute, subject, context, timeBound, lower, upper]} = RangeCredential();
