#!/usr/bin/env node
// Benchmark (never part of the build): snarkjs witness + Groth16 prove and verify per circuit, warm, in one process.
// Usage: node build/zk/bench-snarkjs.js [--build target] [--runs 5]
// Prints one line per circuit: median and min of fullProve (witness included) and of verify, after one warm-up run.
'use strict';
const path = require('path');
const { spawnSync } = require('child_process');
const lib = require('./lib');

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : dflt);
const buildDir = path.resolve(opt('--build', path.join(lib.root, 'target')));
const runs = Number(opt('--runs', '5'));

const requests = {
  range: { lower: '18', upper: '65', value: '42' },
  equality: { expected: '840', value: '840' },
  membership: { value: '1255', set: Array.from({ length: 256 }, (_, i) => String(1000 + i)) },
};

async function main() {
  const snarkjs = require(path.join(lib.nodeModules, 'snarkjs'));
  const base = { issuerKey: '0x' + '11'.repeat(32), schema: '1001', attribute: '3', salt: '99', subject: '12345',
    expiry: '1900000000', timeBound: '1800000000', context: '777' };
  const reqs = Object.entries(requests).map(([circuit, r]) => Object.assign({ circuit }, base, r));
  const r = spawnSync(process.execPath, [path.join(__dirname, 'attest.js'), 'input', '--build', buildDir],
    { input: JSON.stringify(reqs), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) lib.fail('attest.js input failed: ' + r.stderr);
  const inputs = JSON.parse(r.stdout);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [i, circuit] of Object.keys(requests).entries()) {
    const dir = path.join(buildDir, 'classes', 'io', 'enclave', 'zk', 'circuits', circuit);
    const vkey = require(path.join(dir, 'verification_key.json'));
    const prove = [];
    const verify = [];
    for (let k = 0; k <= runs; k++) {
      let t = process.hrtime.bigint();
      const { proof, publicSignals } = await snarkjs.groth16.fullProve(inputs[i].input,
        path.join(dir, 'circuit.wasm'), path.join(dir, 'circuit.zkey'));
      const p = Number(process.hrtime.bigint() - t) / 1e6;
      t = process.hrtime.bigint();
      const ok = await snarkjs.groth16.verify(vkey, publicSignals, proof);
      const v = Number(process.hrtime.bigint() - t) / 1e6;
      if (!ok) lib.fail(`${circuit}: proof did not verify`);
      if (k > 0) { prove.push(p); verify.push(v); }
    }
    console.log(`${circuit}: fullProve median ${median(prove).toFixed(0)} ms (min ${Math.min(...prove).toFixed(0)}), `
      + `verify median ${median(verify).toFixed(0)} ms (min ${Math.min(...verify).toFixed(0)}), ${runs} warm runs`);
  }
  process.exit(0);
}

main().catch((e) => lib.fail(String(e && e.stack || e)));
