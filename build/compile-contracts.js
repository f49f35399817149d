#!/usr/bin/env node
// Build step 2: compile contracts/src/**/*.sol with solcjs (standard JSON, optimizer on, evmVersion from compiler.json)
// into <out>/<Name>.abi, <Name>.bin and <out>/contracts.json. Skipped when no input changed.
// Settings may be overridden in contracts/compiler.json:
//   {"optimizerRuns": 200, "viaIR": false, "evmVersion": "shanghai", "extra": ["@openzeppelin/..."]}
// Moca Chain's EVM is London + EIPs 3855, 3860, 1153, 5656, 6780: "cancun" is allowed as a target (OpenZeppelin 5.7's
// Governor needs mcopy) because the only Cancun opcodes Moca lacks, BLOBHASH (0x49) and BLOBBASEFEE (0x4a), are
// rejected below in every compiled runtime.
// Usage: node build/compile-contracts.js <contracts/src> <out dir>
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const root = path.resolve(__dirname, '..');
const [srcDir, outDir] = process.argv.slice(2).map((p) => path.resolve(p));
const configFile = path.join(root, 'contracts', 'compiler.json');
const config = Object.assign({ optimizerRuns: 200, viaIR: false, evmVersion: 'shanghai', extra: [] },
  fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {});

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.name.endsWith('.sol') ? [p] : [];
  }).sort();
}

const files = walk(srcDir);
const hash = crypto.createHash('sha256');
hash.update(fs.readFileSync(__filename));
hash.update(JSON.stringify(config));
hash.update(fs.readFileSync(path.join(root, 'package-lock.json')));
for (const f of files) { hash.update(path.relative(srcDir, f)); hash.update(fs.readFileSync(f)); }
const digest = hash.digest('hex');
const stamp = path.join(outDir, '.inputs.sha256');
if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === digest) {
  console.log(`[enclave] contracts up to date (${files.length} sources unchanged), solc skipped`);
  process.exit(0);
}
if (files.length === 0) {
  console.log('[enclave] no contracts in ' + srcDir);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(stamp, digest + '\n');
  process.exit(0);
}

let solc;
try { solc = require(path.join(root, 'node_modules', 'solc')); } catch (e) {
  console.error('[enclave] solc is not installed: run the build from the top (npm ci runs in the initialize phase).');
  process.exit(1);
}
const t0 = Date.now();
const sources = {};
for (const f of files) sources[path.relative(srcDir, f).split(path.sep).join('/')] = { content: fs.readFileSync(f, 'utf8') };
for (const x of config.extra) sources[x] = { content: fs.readFileSync(path.join(root, 'node_modules', x), 'utf8') };

function findImports(p) {
  for (const base of [srcDir, path.join(root, 'node_modules')]) {
    const full = path.join(base, p);
    if (fs.existsSync(full)) return { contents: fs.readFileSync(full, 'utf8') };
  }
  return { error: 'File not found: ' + p };
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: config.optimizerRuns },
    viaIR: !!config.viaIR,
    evmVersion: config.evmVersion,
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.methodIdentifiers'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const w of (output.errors || []).filter((e) => e.severity !== 'error')) {
  const fromLib = w.sourceLocation && w.sourceLocation.file.startsWith('@openzeppelin/');
  if (!fromLib && !/SPDX|Contract code size/.test(w.message)) console.warn('[solc] ' + w.formattedMessage.trim());
}
if (errors.length) {
  for (const e of errors) console.error(e.formattedMessage);
  console.error(`[enclave] solc: ${errors.length} error(s) in contracts/`);
  process.exit(1);
}

if (!['shanghai', 'cancun'].includes(config.evmVersion)) {
  console.error(`[enclave] evmVersion ${config.evmVersion} is not allowed: Moca Chain runs shanghai plus EIPs 1153 and 5656`);
  process.exit(1);
}

// Opcodes Moca Chain does not have (EIP-4844 BLOBHASH, EIP-7516 BLOBBASEFEE); PUSH data is skipped.
function forbiddenOpcode(hex) {
  const full = Buffer.from(hex, 'hex');
  // solc appends CBOR metadata whose length is in the last two bytes: it is data, not code.
  const meta = full.length >= 2 ? full.readUInt16BE(full.length - 2) + 2 : 0;
  const code = meta <= full.length ? full.subarray(0, full.length - meta) : full;
  for (let i = 0; i < code.length; i++) {
    const op = code[i];
    if (op === 0x49 || op === 0x4a) return { op, at: i };
    if (op >= 0x60 && op <= 0x7f) i += op - 0x5f;
  }
  return null;
}

fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const index = {};
const wanted = new Set([...Object.keys(sources)].filter((s) => !s.startsWith('@') || config.extra.includes(s)));
for (const [source, contracts] of Object.entries(output.contracts)) {
  if (!wanted.has(source)) continue;
  for (const [name, c] of Object.entries(contracts)) {
    const bin = c.evm.bytecode.object;
    const bad = forbiddenOpcode(c.evm.deployedBytecode.object);
    if (bad) {
      console.error(`[enclave] ${name} uses opcode 0x${bad.op.toString(16)} at ${bad.at}, which Moca Chain does not support`);
      process.exit(1);
    }
    if (index[name]) { console.error(`[enclave] two contracts named ${name}: names must be unique`); process.exit(1); }
    index[name] = { source, deployable: bin.length > 0, runtimeSize: c.evm.deployedBytecode.object.length / 2 };
    fs.writeFileSync(path.join(outDir, name + '.abi'), JSON.stringify(c.abi));
    fs.writeFileSync(path.join(outDir, name + '.bin'), bin);
    if (index[name].runtimeSize > 24576) console.warn(`[enclave] ${name} runtime size ${index[name].runtimeSize} > 24576 (EIP-170)`);
  }
}
fs.writeFileSync(path.join(outDir, 'contracts.json'), JSON.stringify({ solc: solc.version(), settings: input.settings, contracts: index }, null, 2));
fs.writeFileSync(stamp, digest + '\n');
console.log(`[enclave] compiled ${files.length} contract sources (${Object.keys(index).length} contracts) with solc ${solc.version()} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
