// Oracle for EnvelopeTest: an independent implementation of the envelope format on Node's OpenSSL AES-256-GCM.
// Request on stdin: {key, nonce, hash, segment, plaintext} (hex) -> {envelope} (hex).
const crypto = require('crypto');
let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const r = JSON.parse(input);
  const key = Buffer.from(r.key, 'hex');
  const nonce = Buffer.from(r.nonce, 'hex');
  const plain = Buffer.from(r.plaintext, 'hex');
  const header = Buffer.alloc(54);
  header.write('ENCV', 0, 'ascii');
  header[4] = 1; header[5] = 1;
  header.writeUInt32BE(r.segment, 6);
  nonce.copy(header, 10);
  Buffer.from(r.hash, 'hex').copy(header, 22);
  const parts = [header];
  const count = Math.max(1, Math.ceil(plain.length / r.segment));
  for (let i = 0; i < count; i++) {
    const seg = plain.subarray(i * r.segment, Math.min(plain.length, (i + 1) * r.segment));
    const n = Buffer.from(nonce);
    n.writeUInt32BE((n.readUInt32BE(8) ^ i) >>> 0, 8);
    const c = crypto.createCipheriv('aes-256-gcm', key, n);
    const aad = Buffer.alloc(5);
    aad.writeUInt32BE(i, 0);
    aad[4] = i === count - 1 ? 1 : 0;
    c.setAAD(Buffer.concat([header, aad]));
    parts.push(c.update(seg), c.final(), c.getAuthTag());
  }
  console.log(JSON.stringify({ envelope: Buffer.concat(parts).toString('hex') }));
});
