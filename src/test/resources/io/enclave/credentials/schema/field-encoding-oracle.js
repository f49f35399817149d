// Independent implementation of Enclave's string field encoding (docs/CREDENTIALS.md):
// keccak256(UTF-8(NFC(trim(text)))) mod r, with JavaScript's own String.prototype.trim and normalize.
const { keccak256 } = require('js-sha3');
const R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const texts = JSON.parse(input).texts;
  const out = texts.map((t) => {
    const bytes = Buffer.from(t.trim().normalize('NFC'), 'utf8');
    return (BigInt('0x' + keccak256(bytes)) % R).toString();
  });
  process.stdout.write(JSON.stringify({ encoded: out }));
});
