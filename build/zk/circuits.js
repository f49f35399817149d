#!/usr/bin/env node
// Build step (generate-resources): compile the circuits with circom2 (skipped when nothing changed), check them
// against the committed trusted setup, and stage wasm/zkey/vkey for the class path. It never generates keys:
// a mismatch fails the build and says how to run a new ceremony (build/zk/ceremony.js).
// Usage: node build/zk/circuits.js <build dir> <staging dir for resources>
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const lib = require('./lib');

const [buildDir, stageDir] = process.argv.slice(2).map((p) => path.resolve(p));
if (!buildDir || !stageDir) lib.fail('usage: node build/zk/circuits.js <build dir> <staging dir>');

const CEREMONY_HINT = 'A changed circuit needs a new trusted setup: run `node build/zk/ceremony.js` (see docs/ZK.md), '
  + 'review and commit the new src/main/trusted-setup/ and contracts/src/zk/. The build never regenerates keys.';

function readManifest() {
  if (!fs.existsSync(lib.manifestFile)) {
    lib.fail(`${lib.rel(lib.manifestFile)} is missing: the trusted setup has not been committed. ${CEREMONY_HINT}`);
  }
  return JSON.parse(fs.readFileSync(lib.manifestFile, 'utf8'));
}

function checkHash(file, want, what) {
  if (!fs.existsSync(file)) lib.fail(`${lib.rel(file)} is missing (${what}). Restore it from git.`);
  const have = lib.sha256(file);
  if (have !== want) return `${what} ${lib.rel(file)}: sha256 ${have}, the manifest says ${want}`;
  return null;
}

async function checkSetup(manifest) {
  const names = Object.keys(lib.CIRCUITS);
  const listed = Object.keys(manifest.circuits || {});
  if (names.join() !== listed.join()) {
    lib.fail(`the manifest lists circuits [${listed}] but the build has [${names}]. ${CEREMONY_HINT}`);
  }
  const problems = [];
  for (const name of names) {
    const m = manifest.circuits[name];
    const out = lib.outputs(buildDir, name);
    const a = lib.artifacts(name);
    for (const p of [checkHash(out.r1cs, m.r1cs.sha256, `compiled ${name} r1cs`),
      checkHash(out.wasm, m.wasm.sha256, `compiled ${name} witness wasm`)]) {
      if (p) problems.push(p + '. ' + CEREMONY_HINT);
    }
    for (const [file, entry, what] of [[a.zkey, m.zkey, 'zkey'], [a.vkey, m.verificationKey, 'verification key'],
      [a.verifier, m.verifier, 'Solidity verifier']]) {
      if (lib.rel(file) !== entry.path) problems.push(`manifest path for ${name} ${what} is ${entry.path}, expected ${lib.rel(file)}`);
      const p = checkHash(file, entry.sha256, `${name} ${what}`);
      if (p) problems.push(p + '. Committed setup files must not be edited by hand; restore them from git.');
    }
  }
  if (problems.length) lib.fail('trusted-setup check failed:\n  - ' + problems.join('\n  - '));

  // The zkeys are the source of truth: the committed vkeys and verifiers must be exactly what they export.
  const snarkjs = require(path.join(lib.nodeModules, 'snarkjs'));
  try {
    for (const name of names) {
      const a = lib.artifacts(name);
      const vk = await snarkjs.zKey.exportVerificationKey(a.zkey);
      if (lib.canonicalJson(vk) !== fs.readFileSync(a.vkey, 'utf8')) {
        problems.push(`${lib.rel(a.vkey)} is not the verification key of ${lib.rel(a.zkey)}`);
      }
      const sol = await lib.solidityVerifier(snarkjs, a.zkey, lib.CIRCUITS[name]);
      if (sol !== fs.readFileSync(a.verifier, 'utf8')) {
        problems.push(`${lib.rel(a.verifier)} is not the verifier snarkjs exports for ${lib.rel(a.zkey)}`);
      }
      if (vk.nPublic !== manifest.circuits[name].nPublic) {
        problems.push(`${name}: the zkey has ${vk.nPublic} public signals, the manifest says ${manifest.circuits[name].nPublic}`);
      }
    }
  } finally {
    if (globalThis.curve_bn128) await globalThis.curve_bn128.terminate();
  }
  if (problems.length) {
    lib.fail('trusted-setup check failed:\n  - ' + problems.join('\n  - ')
      + '\nRestore the files from git, or re-export them from the zkeys with `node build/zk/ceremony.js --export-only`.');
  }
}

function copyIfChanged(from, to) {
  if (fs.existsSync(to) && fs.statSync(to).size === fs.statSync(from).size && lib.sha256(to) === lib.sha256(from)) return;
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

async function main() {
  const t0 = Date.now();
  lib.compileAll(buildDir);
  const manifest = readManifest();
  // Checking costs a few seconds of zkey reading: skip it when nothing it looks at changed since the last pass.
  const h = crypto.createHash('sha256');
  h.update(fs.readFileSync(__filename));
  h.update(fs.readFileSync(path.join(__dirname, 'lib.js')));
  h.update(fs.readFileSync(lib.manifestFile));
  for (const name of Object.keys(lib.CIRCUITS)) {
    const a = lib.artifacts(name);
    const o = lib.outputs(buildDir, name);
    for (const f of [o.r1cs, o.wasm, a.zkey, a.vkey, a.verifier]) {
      h.update(f);
      h.update(fs.existsSync(f) ? lib.sha256(f) : 'missing');
    }
  }
  const digest = h.digest('hex');
  const stamp = path.join(buildDir, 'circuits', '.setup-checked.sha256');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === digest) {
    lib.log('trusted setup unchanged since the last check, check skipped');
  } else {
    await checkSetup(manifest);
    fs.writeFileSync(stamp, digest + '\n');
    lib.log('circuits match the committed trusted setup (r1cs, wasm, zkey, verification keys, Solidity verifiers)');
  }
  for (const name of Object.keys(lib.CIRCUITS)) {
    const dir = path.join(stageDir, 'io', 'enclave', 'zk', 'circuits', name);
    copyIfChanged(lib.outputs(buildDir, name).wasm, path.join(dir, 'circuit.wasm'));
    copyIfChanged(lib.artifacts(name).zkey, path.join(dir, 'circuit.zkey'));
    copyIfChanged(lib.artifacts(name).vkey, path.join(dir, 'verification_key.json'));
  }
  lib.log(`zk circuits ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main().then(() => process.exit(0)).catch((e) => lib.fail('circuit build failed: ' + (e && e.stack || e)));
