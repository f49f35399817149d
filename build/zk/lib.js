// Shared by build/zk/circuits.js (every build) and build/zk/ceremony.js (once, by hand):
// the circuit list, where things live, compiling with circom2 and exporting/checking setup artifacts.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');

// ENCLAVE_ZK_ROOT lets a test run the checks on a scratch copy of the project.
const root = path.resolve(process.env.ENCLAVE_ZK_ROOT || path.join(__dirname, '..', '..'));
const nodeModules = path.join(root, 'node_modules');
const circomDir = path.join(root, 'src', 'main', 'circom');
const setupDir = path.join(root, 'src', 'main', 'trusted-setup');
const verifierDir = path.join(root, 'contracts', 'src', 'zk');
const manifestFile = path.join(setupDir, 'manifest.json');
// --O2 removes the linear constraints: membership is 8.8k constraints with it and 18k (> 2^14) without.
const CIRCOM_FLAGS = ['--r1cs', '--wasm', '--O2'];

/** name -> Solidity contract name of its verifier; the order here is the order in docs/ZK.md. */
const CIRCUITS = { range: 'RangeVerifier', equality: 'EqualityVerifier', membership: 'MembershipVerifier' };

const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const rel = (p) => path.relative(root, p).split(path.sep).join('/');
const log = (msg) => console.log('[enclave] ' + msg);

function fail(msg) {
  console.error('[enclave] ' + msg);
  process.exit(1);
}

function versions() {
  const v = (pkg) => JSON.parse(fs.readFileSync(path.join(nodeModules, pkg, 'package.json'), 'utf8')).version;
  return { circom2: v('circom2'), snarkjs: v('snarkjs'), circomlib: v('circomlib') };
}

/** Where the compiled outputs of one circuit live inside a build folder. */
function outputs(buildDir, name) {
  const dir = path.join(buildDir, 'circuits', name);
  return { dir, r1cs: path.join(dir, name + '.r1cs'), wasm: path.join(dir, name + '_js', name + '.wasm'),
    witnessCalculator: path.join(dir, name + '_js', 'witness_calculator.js') };
}

/** The committed trusted-setup artifacts of one circuit. */
function artifacts(name) {
  const dir = path.join(setupDir, name);
  return { dir, zkey: path.join(dir, 'circuit.zkey'), vkey: path.join(dir, 'verification_key.json'),
    verifier: path.join(verifierDir, CIRCUITS[name] + '.sol') };
}

function walk(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p, suffix) : e.name.endsWith(suffix) ? [p] : [];
  }).sort();
}

/** Hash of everything a circuit compile depends on: our sources, circomlib's circuits, the compiler, the flags. */
function compileInputsDigest() {
  const h = crypto.createHash('sha256');
  h.update(JSON.stringify({ versions: versions(), flags: CIRCOM_FLAGS, circuits: Object.keys(CIRCUITS) }));
  h.update(fs.readFileSync(path.join(__dirname, 'lib.js')));
  h.update(fs.readFileSync(path.join(nodeModules, 'circom2', 'circom.wasm')));
  const lib = path.join(nodeModules, 'circomlib', 'circuits');
  for (const f of [...walk(circomDir, '.circom'), ...walk(lib, '.circom')]) {
    h.update(f.startsWith(circomDir) ? path.relative(circomDir, f) : path.relative(lib, f));
    h.update(fs.readFileSync(f));
  }
  return h.digest('hex');
}

/**
 * Compiles every circuit with circom2 into <buildDir>/circuits/<name>/, unless the inputs are unchanged since the
 * last compile (stamp file). circom2 runs under WASI, which cannot follow the node_modules symlink or '..' paths,
 * so the sources and circomlib's circuits are staged into one work folder first.
 */
function compileAll(buildDir) {
  const digest = compileInputsDigest();
  const stamp = path.join(buildDir, 'circuits', '.inputs.sha256');
  const upToDate = fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === digest
    && Object.keys(CIRCUITS).every((n) => fs.existsSync(outputs(buildDir, n).r1cs) && fs.existsSync(outputs(buildDir, n).wasm));
  if (upToDate) {
    log(`circuits up to date (${Object.keys(CIRCUITS).length} circuits, sources and circom2 unchanged), circom skipped`);
    return;
  }
  const work = path.join(buildDir, 'circuits', 'work');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.join(work, 'circomlib'), { recursive: true });
  fs.cpSync(path.join(nodeModules, 'circomlib', 'circuits'), path.join(work, 'circomlib', 'circuits'), { recursive: true });
  for (const f of walk(circomDir, '.circom')) fs.copyFileSync(f, path.join(work, path.basename(f)));
  const cli = path.join(nodeModules, 'circom2', 'cli.js');
  for (const name of Object.keys(CIRCUITS)) {
    const out = outputs(buildDir, name);
    fs.rmSync(out.dir, { recursive: true, force: true });
    fs.mkdirSync(out.dir, { recursive: true });
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [cli, name + '.circom', ...CIRCOM_FLAGS, '-l', '.', '-o', path.relative(work, out.dir)],
      { cwd: work, encoding: 'utf8' });
    if (r.status !== 0 || !fs.existsSync(out.r1cs) || !fs.existsSync(out.wasm)) {
      console.error((r.stdout || '') + (r.stderr || ''));
      fail(`circom2 failed on src/main/circom/${name}.circom (see above); fix the circuit and build again.`);
    }
    const constraints = /non-linear constraints: (\d+)/.exec(r.stdout.replace(/\x1b\[[0-9;]*m/g, ''));
    log(`compiled ${name}.circom (${constraints ? constraints[1] : '?'} constraints) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  fs.rmSync(work, { recursive: true, force: true });
  fs.writeFileSync(stamp, digest + '\n');
}

/** The Solidity verifier snarkjs exports for a zkey, with the contract renamed so every circuit's is unique. */
async function solidityVerifier(snarkjs, zkey, contractName) {
  const template = fs.readFileSync(path.join(nodeModules, 'snarkjs', 'templates', 'verifier_groth16.sol.ejs'), 'utf8');
  const code = await snarkjs.zKey.exportSolidityVerifier(zkey, { groth16: template });
  if (!/contract Groth16Verifier \{/.test(code)) fail('snarkjs verifier template changed: expected "contract Groth16Verifier {"');
  return code.replace('contract Groth16Verifier {', `contract ${contractName} {`);
}

function canonicalJson(value) {
  return JSON.stringify(value, null, 1) + '\n';
}

module.exports = { root, nodeModules, circomDir, setupDir, verifierDir, manifestFile, CIRCUITS, CIRCOM_FLAGS,
  sha256, rel, log, fail, versions, outputs, artifacts, compileAll, solidityVerifier, canonicalJson };
