#!/usr/bin/env node
// Test and development helper (never used at run time): builds signed attestation inputs for the Enclave circuits
// with circomlibjs (BabyJubJub key, EdDSA-Poseidon signature, Poseidon hashes, Merkle path) and proves/verifies them
// with snarkjs. Reads one JSON request (or an array of them) on stdin and writes the JSON result(s) to stdout, so
// no key or witness ever lands in a file or on a command line.
//
// Usage: node build/zk/attest.js <input|prove|verify|pubkey|context|merkle> [--build <build dir>]   < request.json
//
// Request for input/prove (numbers as decimal strings or numbers; issuerKey = 32-byte hex private key):
//   { "circuit": "range"|"equality"|"membership", "issuerKey": "0x..", "schema": "1", "attribute": "2",
//     "value": "42", "salt": "7", "subject": "0x<address or field>", "expiry": "1900000000", "timeBound": "1800000000",
//     "context": "<field>" | "buyer": "0x..", "listingId": "5", "chainId": "31337",
//     "lower": "18", "upper": "65"        (range)       "expected": "42"   (equality)
//     "set": ["1", "2", ...]              (membership: up to 2^16 members; value must be one of them)
//     "override": { "<input signal>": "<value>" }  (tests: replace signals after signing, e.g. to cheat) }
// input  -> { input, publicSignals, context, issuer: {Ax, Ay}, message, setRoot? }
// prove  -> { ok: true, proof, publicSignals, verified } | { ok: false, error }   (snarkjs fullprove + verify)
// verify : { circuit, proof, publicSignals } -> { verified }
// pubkey : { issuerKey } -> { Ax, Ay };  context : { buyer, listingId, chainId } -> { context }
// merkle : { set, value } -> { root, pathElements, pathIndices, leafIndex }
'use strict';
const fs = require('fs');
const path = require('path');
const lib = require('./lib');

const DEPTH = 16;
const PUBLIC = {
  range: ['issuerAx', 'issuerAy', 'schema', 'attribute', 'subject', 'context', 'timeBound', 'lower', 'upper'],
  equality: ['issuerAx', 'issuerAy', 'schema', 'attribute', 'subject', 'context', 'timeBound', 'expected'],
  membership: ['issuerAx', 'issuerAy', 'schema', 'attribute', 'subject', 'context', 'timeBound', 'setRoot'],
};

let eddsa;
let poseidon;
let F;
const big = (x, what) => {
  if (x === undefined || x === null || x === '') throw new Error(`missing ${what}`);
  try {
    return BigInt(x);
  } catch (e) {
    throw new Error(`${what} is not a number: ${JSON.stringify(x)}`);
  }
};
const hash = (xs) => F.toObject(poseidon(xs));
const str = (o) => JSON.parse(JSON.stringify(o, (k, v) => (typeof v === 'bigint' ? v.toString() : v)));

function privateKey(hex) {
  const clean = String(hex || '').replace(/^0x/, '');
  if (!/^[0-9a-fA-F]{64}$/.test(clean)) throw new Error('issuerKey must be 32 bytes of hex');
  return Buffer.from(clean, 'hex');
}

function pubkey(req) {
  const A = eddsa.prv2pub(privateKey(req.issuerKey));
  return { Ax: F.toObject(A[0]), Ay: F.toObject(A[1]) };
}

function context(req) {
  if (req.context !== undefined) return big(req.context, 'context');
  return hash([big(req.buyer, 'buyer'), big(req.listingId, 'listingId'), big(req.chainId, 'chainId')]);
}

function merkle(req) {
  const members = (req.set || []).map((m, i) => big(m, `set[${i}]`));
  if (members.length === 0 || members.length > 2 ** DEPTH) throw new Error(`set needs 1 to ${2 ** DEPTH} members`);
  const value = big(req.value, 'value');
  const leafIndex = members.findIndex((m) => m === value);
  let level = members.map((m) => hash([m]));
  const zeros = [0n];
  for (let i = 0; i < DEPTH; i++) zeros.push(hash([zeros[i], zeros[i]]));
  const pathElements = [];
  const pathIndices = [];
  let index = leafIndex < 0 ? 0 : leafIndex;
  for (let d = 0; d < DEPTH; d++) {
    const sibling = index ^ 1;
    pathElements.push(sibling < level.length ? level[sibling] : zeros[d]);
    pathIndices.push(index & 1);
    const next = [];
    for (let i = 0; i < level.length; i += 2) next.push(hash([level[i], i + 1 < level.length ? level[i + 1] : zeros[d]]));
    level = next;
    index >>= 1;
  }
  return { root: level[0], pathElements, pathIndices, leafIndex };
}

function buildInput(req) {
  const circuit = req.circuit;
  if (!PUBLIC[circuit]) throw new Error(`unknown circuit ${JSON.stringify(circuit)}: use one of ${Object.keys(PUBLIC)}`);
  const prv = privateKey(req.issuerKey);
  const { Ax, Ay } = pubkey(req);
  const fields = {};
  for (const k of ['schema', 'attribute', 'value', 'salt', 'subject', 'expiry', 'timeBound']) fields[k] = big(req[k], k);
  const message = hash([fields.schema, fields.attribute, fields.value, fields.salt, fields.subject, fields.expiry]);
  const sig = eddsa.signPoseidon(prv, F.e(message));
  const input = { issuerAx: Ax, issuerAy: Ay, schema: fields.schema, attribute: fields.attribute, subject: fields.subject,
    context: context(req), timeBound: fields.timeBound };
  let setRoot;
  if (circuit === 'range') {
    input.lower = big(req.lower, 'lower');
    input.upper = big(req.upper, 'upper');
  } else if (circuit === 'equality') {
    input.expected = big(req.expected, 'expected');
  } else {
    const m = merkle({ set: req.set, value: req.value });
    setRoot = m.root;
    input.setRoot = m.root;
  }
  Object.assign(input, { value: fields.value, salt: fields.salt, expiry: fields.expiry,
    sigR8x: F.toObject(sig.R8[0]), sigR8y: F.toObject(sig.R8[1]), sigS: sig.S });
  if (circuit === 'membership') {
    const m = merkle({ set: req.set, value: req.value });
    input.pathElements = m.pathElements;
    input.pathIndices = m.pathIndices;
  }
  for (const [k, v] of Object.entries(req.override || {})) {
    if (!(k in input)) throw new Error(`override: ${circuit} has no input signal ${k}`);
    input[k] = Array.isArray(v) ? v.map((x) => big(x, k)) : big(v, k);
  }
  prv.fill(0);
  return str({ input, publicSignals: PUBLIC[circuit].map((k) => input[k]), context: input.context,
    issuer: { Ax, Ay }, message, setRoot });
}

function files(buildDir, circuit) {
  const dir = path.join(buildDir, 'classes', 'io', 'enclave', 'zk', 'circuits', circuit);
  const f = { wasm: path.join(dir, 'circuit.wasm'), zkey: path.join(dir, 'circuit.zkey'), vkey: path.join(dir, 'verification_key.json') };
  for (const p of Object.values(f)) if (!fs.existsSync(p)) throw new Error(`${p} is missing: run mvn process-resources first`);
  return f;
}

async function prove(snarkjs, buildDir, req) {
  const built = buildInput(req);
  const f = files(buildDir, req.circuit);
  try {
    const { proof, publicSignals } = await snarkjs.groth16.fullProve(built.input, f.wasm, f.zkey);
    const vkey = JSON.parse(fs.readFileSync(f.vkey, 'utf8'));
    const verified = await snarkjs.groth16.verify(vkey, publicSignals, proof);
    return { ok: true, proof, publicSignals, verified, context: built.context, setRoot: built.setRoot };
  } catch (e) {
    return { ok: false, error: String(e && e.message || e).split('\n')[0] };
  }
}

async function verify(snarkjs, buildDir, req) {
  const vkey = JSON.parse(fs.readFileSync(files(buildDir, req.circuit).vkey, 'utf8'));
  return { verified: await snarkjs.groth16.verify(vkey, req.publicSignals, req.proof) };
}

async function main() {
  const args = process.argv.slice(2);
  const cmd = args[0];
  const b = args.indexOf('--build');
  const buildDir = path.resolve(b >= 0 ? args[b + 1] : path.join(lib.root, 'target'));
  const circomlibjs = require(path.join(lib.nodeModules, 'circomlibjs'));
  eddsa = await circomlibjs.buildEddsa();
  poseidon = await circomlibjs.buildPoseidon();
  F = poseidon.F;
  const snarkjs = (cmd === 'prove' || cmd === 'verify') ? require(path.join(lib.nodeModules, 'snarkjs')) : null;
  const handlers = {
    input: async (r) => buildInput(r),
    prove: async (r) => prove(snarkjs, buildDir, r),
    verify: async (r) => verify(snarkjs, buildDir, r),
    pubkey: async (r) => str(pubkey(r)),
    context: async (r) => str({ context: context(r) }),
    merkle: async (r) => str(merkle(r)),
  };
  if (!handlers[cmd]) throw new Error(`unknown command ${JSON.stringify(cmd)}: use ${Object.keys(handlers).join('|')}`);
  const request = JSON.parse(fs.readFileSync(0, 'utf8'));
  const results = [];
  for (const r of Array.isArray(request) ? request : [request]) results.push(await handlers[cmd](r));
  process.stdout.write(JSON.stringify(Array.isArray(request) ? results : results[0]) + '\n');
}

main().then(() => process.exit(0)).catch((e) => {
  console.error('attest.js: ' + (e && e.message || e));
  process.exit(2);
});
