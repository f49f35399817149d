#!/usr/bin/env node
// The Enclave DEVNET trusted setup, phase 2: one zkey per circuit. Run by hand, never by the build.
// DEVNET ONLY: a single party contributes, so the person who ran it could have kept the toxic waste and forge proofs.
// A real deployment runs a multi-party phase 2 (docs/ZK.md) on a public multi-party powers of tau.
//
// Usage (from the project root):
//   node build/zk/ceremony.js <phase-1 ptau>    compile, setup, contribute, beacon, verify, export, write manifest
//   node build/zk/ceremony.js --export-only     re-export vkeys/verifiers from the committed zkeys, rewrite the manifest
// Writes src/main/trusted-setup/{<circuit>/circuit.zkey, <circuit>/verification_key.json, manifest.json,
// TRANSCRIPT.md} and contracts/src/zk/<Name>Verifier.sol. The phase-1 file is copied to src/main/trusted-setup/.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawn } = require('child_process');
const lib = require('./lib');

const buildDir = path.join(lib.root, 'target', 'ceremony');
const cli = path.join(lib.nodeModules, 'snarkjs', 'cli.js');
const transcript = [];
const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');

/** Runs the snarkjs CLI, appending the command and its (ANSI-free, debug-trimmed) output to {@code log}. */
function snarkjs(log, ...args) {
  const shown = args.map((a) => (path.isAbsolute(a) ? lib.rel(a) : a)).map((a) => (/\s/.test(a) ? `'${a}'` : a));
  log.push('$ snarkjs ' + shown.join(' '));
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: lib.root });
    let raw = '';
    child.stdout.on('data', (d) => { raw += d; });
    child.stderr.on('data', (d) => { raw += d; });
    child.on('close', (status) => {
      const out = stripAnsi(raw).split(lib.root + path.sep).join('');
      const kept = out.split('\n').filter((l) => !/\[DEBUG\]/.test(l) || /[Hh]ash|contribution/i.test(l)).join('\n').trim();
      log.push(kept, `# exit ${status}, ${((Date.now() - t0) / 1000).toFixed(1)} s`, '');
      process.stdout.write(kept + '\n');
      if (status !== 0 || /ERROR|INVALID/.test(out)) lib.fail(`snarkjs ${args[0]} ${args[1]} failed (see above)`);
      resolve(out);
    });
  });
}

/** Phase 2 for one circuit: setup, one random contribution, a public beacon, verify. Returns its transcript lines. */
async function phase2(name, ptau) {
  const log = [`## ${name}`, ''];
  const a = lib.artifacts(name);
  const o = lib.outputs(buildDir, name);
  const tmp = (s) => path.join(buildDir, `${name}_${s}.zkey`);
  fs.mkdirSync(a.dir, { recursive: true });
  await snarkjs(log, 'r1cs', 'info', o.r1cs);
  await snarkjs(log, 'groth16', 'setup', o.r1cs, ptau, tmp('0000'));
  // snarkjs mixes 64 random bytes (crypto.randomBytes) into this public label: the contribution is random.
  await snarkjs(log, 'zkey', 'contribute', tmp('0000'), tmp('0001'), `--name=Enclave devnet phase-2 ${name} (single party)`,
    '-e=enclave-devnet-phase2-' + name, '-v');
  const beacon = crypto.createHash('sha256').update('enclave devnet phase-2 beacon v1 ' + name).digest('hex');
  log.push(`# beacon = sha256("enclave devnet phase-2 beacon v1 ${name}") = ${beacon}, 2^10 iterations`);
  await snarkjs(log, 'zkey', 'beacon', tmp('0001'), a.zkey, beacon, '10', `-n=Enclave devnet phase-2 ${name} beacon`);
  await snarkjs(log, 'zkey', 'verify', o.r1cs, ptau, a.zkey);
  fs.rmSync(tmp('0000'));
  fs.rmSync(tmp('0001'));
  return log;
}

async function exportAll(ptauInfo) {
  const sj = require(path.join(lib.nodeModules, 'snarkjs'));
  fs.mkdirSync(lib.verifierDir, { recursive: true });
  const manifest = { note: 'DEVNET ONLY: single-party trusted setup. See docs/ZK.md before any real deployment.',
    versions: lib.versions(), circomFlags: lib.CIRCOM_FLAGS, ptau: ptauInfo, circuits: {} };
  for (const [name, contract] of Object.entries(lib.CIRCUITS)) {
    const a = lib.artifacts(name);
    const o = lib.outputs(buildDir, name);
    const vk = await sj.zKey.exportVerificationKey(a.zkey);
    fs.writeFileSync(a.vkey, lib.canonicalJson(vk));
    fs.writeFileSync(a.verifier, await lib.solidityVerifier(sj, a.zkey, contract));
    const r1csInfo = await sj.r1cs.info(o.r1cs);
    const entry = (f) => ({ path: lib.rel(f), sha256: lib.sha256(f) });
    manifest.circuits[name] = { source: `src/main/circom/${name}.circom`, constraints: r1csInfo.nConstraints,
      nPublic: vk.nPublic, verifierContract: contract,
      r1cs: { sha256: lib.sha256(o.r1cs) }, wasm: { sha256: lib.sha256(o.wasm) },
      zkey: entry(a.zkey), verificationKey: entry(a.vkey), verifier: entry(a.verifier) };
  }
  if (globalThis.curve_bn128) await globalThis.curve_bn128.terminate();
  fs.writeFileSync(lib.manifestFile, lib.canonicalJson(manifest));
  return manifest;
}

async function main() {
  const arg = process.argv[2];
  if (!arg) lib.fail('usage: node build/zk/ceremony.js <phase-1 .ptau> | --export-only');
  lib.compileAll(buildDir);
  if (arg === '--export-only') {
    const old = JSON.parse(fs.readFileSync(lib.manifestFile, 'utf8'));
    await exportAll(old.ptau);
    lib.log('re-exported verification keys and verifiers; manifest rewritten');
    process.exit(0);
  }
  const ptau = path.resolve(arg);
  const ptauCopy = path.join(lib.setupDir, path.basename(ptau));
  fs.mkdirSync(lib.setupDir, { recursive: true });
  if (ptau !== ptauCopy) fs.copyFileSync(ptau, ptauCopy);
  transcript.push(`# Enclave devnet trusted setup, phase 2 — ${new Date().toISOString()}`,
    '# DEVNET ONLY: single-party contributions. Do not use these keys where a forged proof would cost anything.',
    `# versions: ${JSON.stringify(lib.versions())}; circom flags: ${lib.CIRCOM_FLAGS.join(' ')}`,
    `# phase 1: ${lib.rel(ptauCopy)} sha256 ${lib.sha256(ptauCopy)}`, '');
  // The three circuits are independent: run them side by side (the transcript keeps them apart, in order).
  const logs = await Promise.all(Object.keys(lib.CIRCUITS).map((name) => phase2(name, ptauCopy)));
  for (const l of logs) transcript.push(...l);
  const manifest = await exportAll({ path: lib.rel(ptauCopy), sha256: lib.sha256(ptauCopy) });
  transcript.push('## hashes (sha256)', '');
  transcript.push(`${manifest.ptau.sha256}  ${manifest.ptau.path}`);
  for (const [name, m] of Object.entries(manifest.circuits)) {
    transcript.push(`${m.r1cs.sha256}  ${name}.r1cs (compiled, target/)`, `${m.wasm.sha256}  ${name}.wasm (compiled, target/)`,
      `${m.zkey.sha256}  ${m.zkey.path}`, `${m.verificationKey.sha256}  ${m.verificationKey.path}`,
      `${m.verifier.sha256}  ${m.verifier.path}`);
  }
  const ptauLog = path.join(path.dirname(ptau), 'ptau-transcript.txt');
  const phase1 = fs.existsSync(ptauLog) ? stripAnsi(fs.readFileSync(ptauLog, 'utf8'))
    .split('\n').filter((l) => !/\[DEBUG\]/.test(l) || /[Hh]ash/.test(l)).join('\n') : '(phase-1 log not found)';
  fs.writeFileSync(path.join(lib.setupDir, 'TRANSCRIPT.md'), [
    '# Enclave trusted-setup transcript — DEVNET ONLY', '',
    'Single-party ceremony: whoever ran it could have kept the toxic waste. Fit for the local devnet and tests only.',
    'See docs/ZK.md for a multi-party phase 2.', '', '## Phase 1 (build/zk/ptau.sh)', '', '```', phase1.trim(), '```', '',
    '## Phase 2 (build/zk/ceremony.js)', '', '```', ...transcript, '```', ''].join('\n'));
  lib.log('ceremony done: review src/main/trusted-setup/ and contracts/src/zk/, then commit them');
  process.exit(0);
}

main().catch((e) => lib.fail('ceremony failed: ' + (e && e.stack || e)));
