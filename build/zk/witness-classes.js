#!/usr/bin/env node
// Build step around chicory-compiler-maven-plugin (pom.xml, "witness-*" executions), which compiles each staged
// circuit.wasm to JVM bytecode (io.enclave.zk.witness.compiled.<Name>Witness). The plugin has no up-to-date check and
// takes tens of seconds per circuit, so it runs only when the stamp written here after its last run is missing
// (profile zk-witness-up-to-date in pom.xml sets zk.witness.phase=none while the stamp exists).
//   before  (generate-resources, before the plugin): when the plugin runs, drop the stamp and record the SHA-256 of each
//           wasm it is about to compile as <Name>Witness.wasm.sha256 beside its classes (CircuitRegistry compares it
//           with the wasm it loads); when it is skipped, check that the recorded classes still match the staged wasm.
//   after   (process-resources, after the plugin): when the plugin ran, write the stamp.
// Usage: node build/zk/witness-classes.js <before|after> <staging dir> <classes dir> <zk.witness.phase>
'use strict';
const fs = require('fs');
const path = require('path');
const lib = require('./lib');

const [mode, stageArg, classesArg, phase] = process.argv.slice(2);
if (!['before', 'after'].includes(mode) || !stageArg || !classesArg || !phase) {
  lib.fail('usage: node build/zk/witness-classes.js <before|after> <staging dir> <classes dir> <zk.witness.phase>');
}
const stageDir = path.resolve(stageArg);
const classesDir = path.resolve(classesArg);
const stamp = path.join(classesDir, 'compiled.sha256');
const skipped = phase === 'none';
const PACKAGE = path.join('io', 'enclave', 'zk', 'witness', 'compiled');

function className(name) {
  return name.charAt(0).toUpperCase() + name.slice(1) + 'Witness';
}

/** name -> { wasm sha256, where the plugin writes this circuit's class files and meta wasm, the recorded hash } */
function circuits() {
  return Object.keys(lib.CIRCUITS).map((name) => {
    const wasm = path.join(stageDir, 'io', 'enclave', 'zk', 'circuits', name, 'circuit.wasm');
    if (!fs.existsSync(wasm)) lib.fail(`${wasm} is missing: the zk-circuits step stages it before this one`);
    const dir = path.join(classesDir, name, PACKAGE);
    return { name, sha256: lib.sha256(wasm), dir, recorded: path.join(dir, className(name) + '.wasm.sha256'),
      outputs: [path.join(dir, className(name) + '.meta'), path.join(dir, className(name) + 'Machine.class')] };
  });
}

const stampText = (list) => list.map((c) => `${c.sha256}  ${c.name}`).join('\n') + '\n';

if (mode === 'before' && !skipped) {
  fs.rmSync(stamp, { force: true }); // a plugin run that fails part-way leaves no stamp: the next build runs it again
  for (const c of circuits()) {
    fs.mkdirSync(c.dir, { recursive: true });
    fs.writeFileSync(c.recorded, c.sha256 + '\n');
  }
  lib.log('witness wasm to be compiled at build time: ' + Object.keys(lib.CIRCUITS).join(', '));
} else if (mode === 'before') {
  const list = circuits();
  const stale = list.filter((c) => !fs.existsSync(c.recorded) || fs.readFileSync(c.recorded, 'utf8').trim() !== c.sha256
    || c.outputs.some((f) => !fs.existsSync(f)));
  const stamped = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8') : null;
  if (stale.length || stamped !== stampText(list)) {
    fs.rmSync(stamp, { force: true });
    lib.fail(`the build-time witness classes of [${stale.map((c) => c.name)}] do not match the staged circuit.wasm `
      + '(a circuit changed, or target/ was cleaned in this same command). Their stamp is removed: run the build '
      + 'again and chicory-compiler-maven-plugin compiles them anew.');
  }
  lib.log('witness classes up to date with the staged circuits (chicory-compiler-maven-plugin skipped)');
} else if (!skipped) {
  const list = circuits();
  for (const c of list) {
    if (fs.readFileSync(c.recorded, 'utf8').trim() !== c.sha256) {
      lib.fail(`${c.name}: circuit.wasm changed while chicory-compiler-maven-plugin compiled it; run the build again`);
    }
    for (const f of c.outputs) {
      if (!fs.existsSync(f)) lib.fail(`chicory-compiler-maven-plugin left no ${f}`);
    }
  }
  fs.writeFileSync(stamp, stampText(list));
}
