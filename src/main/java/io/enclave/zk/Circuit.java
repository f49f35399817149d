package io.enclave.zk;

import io.enclave.zk.groth16.ProvingKey;
import io.enclave.zk.groth16.VerifyingKey;
import io.enclave.zk.witness.WitnessCalculator;

/** One circuit's artifacts, loaded and ready: the witness wasm (compiled), the proving key and the verifying key. */
public record Circuit(String id, WitnessCalculator witness, ProvingKey provingKey, VerifyingKey verifyingKey) {
}
