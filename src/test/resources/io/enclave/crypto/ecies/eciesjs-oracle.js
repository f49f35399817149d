// Oracle for Secp256k1EciesTest: eciesjs (npm) encrypts and decrypts. Request JSON on stdin, answer JSON on stdout.
const path = require('path');
const { encrypt, decrypt } = require(path.join(process.cwd(), 'node_modules', 'eciesjs'));
let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const req = JSON.parse(input);
  const hex = (b) => Buffer.from(b).toString('hex');
  if (req.op === 'encrypt') {
    console.log(JSON.stringify({ payload: hex(encrypt(req.publicKey, Buffer.from(req.plaintext, 'hex'))) }));
  } else if (req.op === 'decrypt') {
    try {
      console.log(JSON.stringify({ plaintext: hex(decrypt(req.privateKey, Buffer.from(req.payload, 'hex'))) }));
    } catch (e) {
      console.log(JSON.stringify({ error: String(e.message || e) }));
    }
  } else {
    process.exit(2);
  }
});
