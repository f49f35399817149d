#!/usr/bin/env node
// Build step (phase test): the Solidity tests and the gas budget check.
//   1. forge test (unit, fuzz >= 256 runs, invariants) in contracts/ (foundry.toml: offline, solc = build/forge-solc.js);
//   2. forge snapshot --check of the GasTest suite against the committed contracts/.gas-snapshot, 5% tolerance.
// Skipped when no input changed since the last successful run (stamp in <build>/forge/.verified.sha256).
// Output and cache go under <build>/forge. Usage: node build/forge-check.js <build dir>
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const buildDir = path.resolve(process.argv[2] || path.join(root, 'target'));
const contracts = path.join(root, 'contracts');
const forge = path.join(root, 'node_modules', '@foundry-rs', 'forge-linux-amd64', 'bin', 'forge');

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  }).sort();
}

const inputs = [...walk(path.join(contracts, 'src')), ...walk(path.join(contracts, 'test')),
  path.join(contracts, 'foundry.toml'), path.join(contracts, '.gas-snapshot'), path.join(root, 'package-lock.json'),
  __filename, path.join(__dirname, 'forge-solc.js')].filter((f) => fs.existsSync(f));
const hash = crypto.createHash('sha256');
for (const f of inputs) { hash.update(path.relative(root, f)); hash.update(fs.readFileSync(f)); }
const digest = hash.digest('hex');
const outDir = path.join(buildDir, 'forge');
const stamp = path.join(outDir, '.verified.sha256');
if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === digest) {
  console.log('[enclave] forge tests and gas snapshot up to date (contracts unchanged), skipped');
  process.exit(0);
}
if (!fs.existsSync(forge)) {
  console.error('[enclave] forge is missing at ' + forge + ': the build installs it with npm ci (initialize phase)');
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });
const env = Object.assign({}, process.env, {
  FOUNDRY_OUT: path.join(outDir, 'out'),
  FOUNDRY_CACHE_PATH: path.join(outDir, 'cache'),
  FOUNDRY_SNAPSHOTS: path.join(outDir, 'snapshots'),
  FOUNDRY_OFFLINE: 'true',
  NO_COLOR: '1',
});

function run(args, what) {
  const t0 = Date.now();
  const r = spawnSync(forge, args, { cwd: contracts, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const out = (r.stdout || '') + (r.stderr || '');
  // solc warnings come from OpenZeppelin sources: keep the results, drop the warning blocks.
  const lines = out.split('\n').filter((l) => /^(Ran |Suite result|\[PASS\]|\[FAIL|Failing tests|Encountered|Error|error|Diff|  |\S+:\S+\(\) \(gas)/.test(l)
    && !/^\s*(\||-->|=|Note)/.test(l));
  console.log(lines.join('\n'));
  if (r.status !== 0) {
    if (r.error) console.error(r.error.message);
    console.error(out.split('\n').filter((l) => /FAIL|Error|error|revert|\+|-/.test(l)).slice(-60).join('\n'));
    console.error(`[enclave] ${what} failed (forge exit ${r.status}). Re-run by hand: cd contracts && ${path.relative(contracts, forge)} ${args.join(' ')}`);
    if (args[0] === 'snapshot') {
      console.error('[enclave] If the gas change is intended, record it: cd contracts && '
        + `${path.relative(contracts, forge)} snapshot --match-contract GasTest --snap .gas-snapshot, and update docs/BENCHMARKS.md`);
    }
    process.exit(1);
  }
  console.log(`[enclave] ${what} passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

run(['test'], 'forge test');
run(['snapshot', '--match-contract', 'GasTest', '--check', '.gas-snapshot', '--tolerance', '5'], 'gas snapshot check (5% tolerance)');
fs.writeFileSync(stamp, digest + '\n');
