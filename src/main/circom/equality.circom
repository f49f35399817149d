pragma circom 2.1.0;

// Equality proof: value == expected over an issuer-signed attribute (any field element).

include "credential.circom";

template EqualityCredential() {
    signal input issuerAx;
    signal input issuerAy;
    signal input schema;
    signal input attribute;
    signal input subject;
    signal input context;
    signal input timeBound;
    signal input expected;

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

    value === expected;
}

component main {public [issuerAx, issuerAy, schema, attribute, subject, context, timeBound, expected]} = EqualityCredential();
