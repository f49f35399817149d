#!/usr/bin/env node
// Build step 1: check Node.js, install the pinned JS toolchain only when package-lock.json changed,
// and write build-info (version, git commit) for `enclave --version`.
// Usage: node build/toolchain.js <project version> <generated resources dir>
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { execFileSync, spawnSync } = require('child_process');

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  console.error(`[enclave] Node.js ${process.versions.node} is too old: Enclave's build needs Node.js 20 or newer on the PATH.`);
  process.exit(1);
}

const root = path.resolve(__dirname, '..');
const lock = path.join(root, 'package-lock.json');
const stamp = path.join(root, 'node_modules', '.enclave-lock.sha256');
const want = crypto.createHash('sha256').update(fs.readFileSync(lock)).digest('hex');
const have = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : '';

if (process.env.ENCLAVE_SKIP_NPM === '1') {
  console.log('[enclave] ENCLAVE_SKIP_NPM=1: not checking node_modules');
} else if (want === have) {
  console.log('[enclave] JS toolchain up to date (package-lock.json unchanged), npm ci skipped');
} else {
  console.log('[enclave] installing the pinned JS toolchain (npm ci) — a few minutes on a fresh clone...');
  const t0 = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const env = Object.assign({}, process.env);
  // arlocal's sqlite3 compiles a native addon: point node-gyp at the system's Node.js headers when they exist,
  // so nothing is downloaded.
  if (!env.npm_config_nodedir && fs.existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error('[enclave] npm ci failed (see above). Check that the npm registry is reachable, then run the build again.');
    process.exit(r.status || 1);
  }
  fs.writeFileSync(stamp, want + '\n');
  console.log(`[enclave] JS toolchain installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const [version, outDir] = process.argv.slice(2);
if (version && outDir) {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString().trim();
    if (dirty) commit += '-dirty';
  } catch (e) { /* not a git checkout */ }
  const file = path.join(outDir, 'io', 'enclave', 'build-info.properties');
  const body = `version=${version}\ncommit=${commit}\n`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== body) fs.writeFileSync(file, body);
}
