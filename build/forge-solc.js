#!/usr/bin/env node
// A solc command-line shim for forge (which cannot download a native solc offline): answers --version like
// solc 0.8.37 and compiles --standard-json input from stdin with solcjs, resolving imports against
// --base-path / --include-path / --allow-paths (node_modules for @openzeppelin). See foundry.toml.
'use strict';
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write('solc, the solidity compiler commandline interface\nVersion: 0.8.37+commit.f401782d.Linux.g++\n');
  process.exit(0);
}
if (!args.includes('--standard-json')) {
  process.stderr.write('forge-solc.js only supports --version and --standard-json\n');
  process.exit(2);
}
const solc = require(path.join(__dirname, '..', 'node_modules', 'solc'));
const bases = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--base-path' || args[i] === '--include-path') bases.push(args[++i]);
  else if (args[i] === '--allow-paths') bases.push(...args[++i].split(','));
}
bases.push(process.cwd(), path.join(__dirname, '..'));

function findImports(p) {
  const candidates = path.isAbsolute(p) ? [p] : bases.map((b) => path.resolve(b, p));
  for (const full of candidates) {
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return { contents: fs.readFileSync(full, 'utf8') };
  }
  return { error: 'File not found: ' + p };
}

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const input = Buffer.concat(chunks).toString('utf8');
  process.stdout.write(solc.compile(input, { import: findImports }));
});
