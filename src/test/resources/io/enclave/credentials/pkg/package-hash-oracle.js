// Independent credential hash: RFC 8785 canonical JSON for documents of strings, integers, booleans, arrays and
// objects (keys sorted by UTF-16 code units, JSON.stringify escaping), then keccak256 — as docs/CREDENTIALS.md says.
const { keccak256 } = require('js-sha3');
function canon(v) {
  if (Array.isArray(v)) return '[' + v.map(canon).join(',') + ']';
  if (v !== null && typeof v === 'object') {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canon(v[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}
let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const doc = JSON.parse(input).document;
  const c = canon(doc);
  process.stdout.write(JSON.stringify({ canonical: c, hash: '0x' + keccak256(Buffer.from(c, 'utf8')) }));
});
