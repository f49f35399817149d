#!/usr/bin/env node
// Test oracle for io.enclave.zk: builds small test circuits with circom2 + snarkjs, proves and verifies with
// snarkjs, and computes circomlibjs known-answer vectors. Used by the test suite only, never at run time.
//
//   node zk-oracle.js setup <circuit.circom> <outDir> <ptauDir>   circuit.wasm, circuit.zkey, verification_key.json
//   node zk-oracle.js prove <wasm> <zkey> <input.json> <outDir>   witness.wtns, proof.json, public.json (+ timing)
//   node zk-oracle.js bench <wasm> <zkey> <input.json> <runs>     warm fullProve timings in ms (JSON), then 'cpu <ms per proof>'
//   node zk-oracle.js verify <vkey.json> <proof.json> <public.json>  prints true or false
//   node zk-oracle.js vectors <request.json>                       circomlibjs Poseidon/BabyJubJub/EdDSA answers
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const nodeModules = fs.realpathSync(path.join(__dirname, '..', '..', '..', 'node_modules'));
const snarkjs = require(path.join(nodeModules, 'snarkjs'));

const quiet = { debug() {}, info() {}, warn() {}, error(m) { process.stderr.write(m + '\n'); } };

async function setup(circomFile, outDir, ptauDir) {
  fs.mkdirSync(outDir, { recursive: true });
  fs.mkdirSync(ptauDir, { recursive: true });
  const src = fs.realpathSync(circomFile);
  const out = fs.realpathSync(outDir);
  // circom2 runs in a WASI sandbox that sees paths relative to the working directory and does not follow
  // symlinks: run it from / with real paths.
  execFileSync(process.execPath, [path.join(nodeModules, 'circom2', 'cli.js'), src, '--r1cs', '--wasm', '--O2',
    '-l', nodeModules, '-o', out], { cwd: '/', stdio: ['ignore', 'ignore', 'inherit'] });
  const name = path.basename(src, '.circom');
  fs.copyFileSync(path.join(out, name + '_js', name + '.wasm'), path.join(out, 'circuit.wasm'));
  const info = await snarkjs.r1cs.info(path.join(out, name + '.r1cs'));
  const needed = info.nConstraints + info.nPubInputs + info.nOutputs + 1;
  let power = 3;
  while ((1 << power) < needed) power++;
  // Reuse the committed devnet phase-1 (2^14) when it is large enough: generating a fresh one costs minutes.
  const committed = path.join(__dirname, '..', '..', 'main', 'trusted-setup', 'pot14_final.ptau');
  const ptau = power <= 14 && fs.existsSync(committed) ? committed : path.join(ptauDir, `pot${power}_final.ptau`);
  if (!fs.existsSync(ptau)) {
    const curve = await snarkjs.curves.getCurveFromName('bn128');
    const p0 = ptau + '.0';
    const p1 = ptau + '.1';
    await snarkjs.powersOfTau.newAccumulator(curve, power, p0, quiet);
    await snarkjs.powersOfTau.contribute(p0, p1, 'test fixture', 'enclave test entropy ' + Date.now(), quiet);
    await snarkjs.powersOfTau.preparePhase2(p1, ptau + '.tmp', quiet);
    fs.renameSync(ptau + '.tmp', ptau);
    fs.unlinkSync(p0);
    fs.unlinkSync(p1);
  }
  const z0 = path.join(out, 'circuit_0000.zkey');
  await snarkjs.zKey.newZKey(path.join(out, name + '.r1cs'), ptau, z0, quiet);
  await snarkjs.zKey.contribute(z0, path.join(out, 'circuit.zkey'), 'test fixture', 'phase2 entropy ' + Date.now(), quiet);
  fs.unlinkSync(z0);
  const vk = await snarkjs.zKey.exportVerificationKey(path.join(out, 'circuit.zkey'), quiet);
  fs.writeFileSync(path.join(out, 'verification_key.json'), JSON.stringify(vk, null, 1));
  console.log(JSON.stringify({ power, constraints: info.nConstraints }));
}

async function prove(wasm, zkey, inputFile, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const input = JSON.parse(fs.readFileSync(inputFile, 'utf8'));
  const wtns = path.join(outDir, 'witness.wtns');
  await snarkjs.wtns.calculate(input, wasm, wtns);
  const { proof, publicSignals } = await snarkjs.groth16.prove(zkey, wtns);
  fs.writeFileSync(path.join(outDir, 'proof.json'), JSON.stringify(proof, null, 1));
  fs.writeFileSync(path.join(outDir, 'public.json'), JSON.stringify(publicSignals, null, 1));
  const w = await snarkjs.wtns.exportJson(wtns);
  fs.writeFileSync(path.join(outDir, 'witness.json'), JSON.stringify(w.map((x) => x.toString())));
}

async function bench(wasm, zkey, inputFile, runs) {
  const input = JSON.parse(fs.readFileSync(inputFile, 'utf8'));
  const times = [];
  let cpu = null;
  for (let i = 0; i < runs + 1; i++) {
    const t = process.hrtime.bigint();
    await snarkjs.groth16.fullProve(input, wasm, zkey);
    if (i > 0) times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (i === 0) cpu = process.cpuUsage();
  }
  console.log(JSON.stringify(times));
  // CPU time of the whole process (main thread and snarkjs's worker threads) per warm proof, in ms
  const used = process.cpuUsage(cpu);
  console.log('cpu ' + ((used.user + used.system) / 1000 / runs).toFixed(1));
}

async function verify(vkFile, proofFile, publicFile) {
  const vk = JSON.parse(fs.readFileSync(vkFile, 'utf8'));
  const proof = JSON.parse(fs.readFileSync(proofFile, 'utf8'));
  const pub = JSON.parse(fs.readFileSync(publicFile, 'utf8'));
  console.log(String(await snarkjs.groth16.verify(vk, pub, proof, quiet)));
}

// request: { poseidon: [[inputs...], ...], eddsa: [{ key: hex32, msg: decimal }, ...] }
async function vectors(requestFile) {
  const circomlibjs = require(path.join(nodeModules, 'circomlibjs'));
  const req = JSON.parse(fs.readFileSync(requestFile, 'utf8'));
  const poseidon = await circomlibjs.buildPoseidon();
  const eddsa = await circomlibjs.buildEddsa();
  const babyJub = await circomlibjs.buildBabyjub();
  const F = poseidon.F;
  const out = { poseidon: [], eddsa: [] };
  for (const inputs of req.poseidon || []) {
    out.poseidon.push(F.toObject(poseidon(inputs.map((x) => BigInt(x)))).toString());
  }
  for (const { key, msg } of req.eddsa || []) {
    const prv = Buffer.from(key, 'hex');
    const pub = eddsa.prv2pub(prv);
    const m = babyJub.F.e(BigInt(msg));
    const sig = eddsa.signPoseidon(prv, m);
    out.eddsa.push({
      ax: babyJub.F.toObject(pub[0]).toString(),
      ay: babyJub.F.toObject(pub[1]).toString(),
      r8x: babyJub.F.toObject(sig.R8[0]).toString(),
      r8y: babyJub.F.toObject(sig.R8[1]).toString(),
      s: sig.S.toString(),
      valid: eddsa.verifyPoseidon(m, sig, pub),
    });
  }
  console.log(JSON.stringify(out));
}

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd === 'setup') await setup(args[0], args[1], args[2]);
  else if (cmd === 'prove') await prove(args[0], args[1], args[2], args[3]);
  else if (cmd === 'bench') await bench(args[0], args[1], args[2], Number(args[3] || 5));
  else if (cmd === 'verify') await verify(args[0], args[1], args[2]);
  else if (cmd === 'vectors') await vectors(args[0]);
  else throw new Error('unknown command ' + cmd);
}

main().then(() => process.exit(0), (e) => { console.error(e && e.stack || e); process.exit(1); });
