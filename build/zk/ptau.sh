#!/usr/bin/env bash
# Devnet-only powers-of-tau (phase 1) for the Enclave circuits. DEVNET ONLY: a single party
# contributes, so whoever ran this could in principle have kept the toxic waste.
# Usage: build/zk/ptau.sh <work-dir> [power]   (run from the project root; default power 14)
# Output: <work-dir>/pot<power>_final.ptau and <work-dir>/ptau-transcript.txt
# snarkjs mixes 64 bytes of crypto.randomBytes into the (public) entropy label, so the
# contribution is random; the beacon makes the last step publicly re-derivable.
set -euo pipefail
out="${1:?usage: ptau.sh <work-dir> [power]}"
power="${2:-14}"
snarkjs=(node node_modules/snarkjs/cli.js)
mkdir -p "$out"
log="$out/ptau-transcript.txt"
run() {
  echo "\$ snarkjs ${*}" | sed "s#$out/##g" >> "$log"
  local t0=$SECONDS
  "${snarkjs[@]}" "$@" 2>&1 | sed "s#$out/##g" | tee -a "$log"
  echo "# took $((SECONDS - t0)) s" >> "$log"
}
: > "$log"
echo "# Enclave devnet powers of tau, power $power, $(date -u +%Y-%m-%dT%H:%M:%SZ), snarkjs $(node -p 'require("./node_modules/snarkjs/package.json").version')" >> "$log"
run powersoftau new bn128 "$power" "$out/pot${power}_0000.ptau" -v
run powersoftau contribute "$out/pot${power}_0000.ptau" "$out/pot${power}_0001.ptau" \
    --name="Enclave devnet single-party contribution" -e="enclave-devnet-ptau" -v
# Public beacon: sha256 of the string below, 2^10 iterations. Anyone can recompute it.
beacon=$(printf 'enclave devnet ptau beacon v1' | sha256sum | cut -d' ' -f1)
run powersoftau beacon "$out/pot${power}_0001.ptau" "$out/pot${power}_beacon.ptau" "$beacon" 10 \
    -n="Enclave devnet final beacon" -v
run powersoftau prepare phase2 "$out/pot${power}_beacon.ptau" "$out/pot${power}_final.ptau" -v
rm -f "$out/pot${power}_0000.ptau" "$out/pot${power}_0001.ptau" "$out/pot${power}_beacon.ptau"
run powersoftau verify "$out/pot${power}_final.ptau"
sha256sum "$out/pot${power}_final.ptau" | sed "s#$out/##g" >> "$log"
echo "# done $(date -u +%Y-%m-%dT%H:%M:%SZ)" >> "$log"
