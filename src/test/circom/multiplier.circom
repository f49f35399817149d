pragma circom 2.1.0;

// Tiny test circuit: proves knowledge of a, b with a * b = c (c public), plus one public pass-through input.
template Multiplier() {
    signal input a;
    signal input b;
    signal input tag;
    signal output c;
    signal tagSquared;
    c <== a * b;
    tagSquared <== tag * tag;
}

component main {public [tag]} = Multiplier();
