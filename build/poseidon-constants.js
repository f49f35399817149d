#!/usr/bin/env node
// Build step: turns circomlibjs's Poseidon constants (the ones circomlib's circuits use) into a compact binary
// resource for io.enclave.zk.poseidon.Poseidon, so the app needs no Node.js at run time.
// Format (big-endian): "PSDN", u8 count; per width t: u8 t, u32 nC, nC×32-byte round constants, t×t×32-byte MDS matrix.
// Usage: node poseidon-constants.js <circomlibjs/src/poseidon_constants.json> <output file>
'use strict';
const fs = require('fs');
const path = require('path');

const [src, out] = process.argv.slice(2);
const json = fs.readFileSync(src, 'utf8');
const { C, M } = JSON.parse(json);
const parts = [Buffer.from('PSDN', 'ascii'), Buffer.from([C.length])];
const word = (x) => Buffer.from(BigInt(x).toString(16).padStart(64, '0'), 'hex');
for (let i = 0; i < C.length; i++) {
  const t = i + 2;
  const head = Buffer.alloc(5);
  head.writeUInt8(t, 0);
  head.writeUInt32BE(C[i].length, 1);
  parts.push(head, ...C[i].map(word));
  if (M[i].length !== t) throw new Error(`MDS matrix ${i} is not ${t}x${t}`);
  for (const row of M[i]) parts.push(...row.map(word));
}
const data = Buffer.concat(parts);
if (fs.existsSync(out) && fs.readFileSync(out).equals(data)) {
  console.log('[enclave] Poseidon constants up to date');
} else {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, data);
  console.log(`[enclave] Poseidon constants written (${data.length} bytes)`);
}
