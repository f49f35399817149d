package io.enclave.wallet;

import io.enclave.crypto.Secrets;
import java.nio.CharBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.web3j.crypto.MnemonicUtils;

/**
 * A BIP-39 recovery phrase (English list, 12–24 words) kept as a {@code char[]} and wiped by {@link #close()}.
 * The word list is web3j's; encoding, checksum and seed stretching work on arrays so the phrase never becomes a
 * {@link String}.
 */
public final class Mnemonic implements AutoCloseable {
    private static final List<String> WORDS = MnemonicUtils.getWords();
    private static final int PBKDF2_ROUNDS = 2048;

    private final char[] phrase;
    private final int wordCount;

    private Mnemonic(char[] phrase, int wordCount) {
        this.phrase = phrase;
        this.wordCount = wordCount;
    }

    /** A new phrase of 12, 15, 18, 21 or 24 words from {@link java.security.SecureRandom} entropy. */
    public static Mnemonic generate(int words) {
        if (words % 3 != 0 || words < 12 || words > 24) {
            throw new IllegalArgumentException("a recovery phrase has 12, 15, 18, 21 or 24 words, not " + words);
        }
        byte[] entropy = Secrets.randomBytes(words / 3 * 4);
        try {
            return fromEntropy(entropy);
        } finally {
            Secrets.wipe(entropy);
        }
    }

    /** The phrase that encodes {@code entropy} (16–32 bytes, a multiple of 4). */
    public static Mnemonic fromEntropy(byte[] entropy) {
        if (entropy.length % 4 != 0 || entropy.length < 16 || entropy.length > 32) {
            throw new IllegalArgumentException("BIP-39 entropy is 16..32 bytes in steps of 4, got " + entropy.length);
        }
        int checksumBits = entropy.length / 4;
        int words = (entropy.length * 8 + checksumBits) / 11;
        byte[] hash = sha256(entropy);
        byte[] bits = new byte[entropy.length + 1];
        System.arraycopy(entropy, 0, bits, 0, entropy.length);
        bits[entropy.length] = hash[0];
        CharBuffer out = CharBuffer.allocate(words * 9);
        try {
            for (int w = 0; w < words; w++) {
                int index = 0;
                for (int b = 0; b < 11; b++) {
                    int bit = w * 11 + b;
                    index = (index << 1) | ((bits[bit / 8] >> (7 - bit % 8)) & 1);
                }
                if (w > 0) {
                    out.put(' ');
                }
                out.put(WORDS.get(index));
            }
            char[] phrase = new char[out.position()];
            out.flip();
            out.get(phrase);
            return new Mnemonic(phrase, words);
        } finally {
            Secrets.wipe(bits, hash);
            Secrets.wipe(out.array());
        }
    }

    /**
     * Parses a phrase typed or pasted by the user: case and extra whitespace are forgiven; a word outside the
     * list, a wrong word count or a failed checksum is an {@link InvalidMnemonicException} naming the problem.
     * The input array is not modified; the caller wipes it.
     */
    public static Mnemonic parse(char[] input) {
        char[] norm = new char[input.length];
        int n = 0;
        int words = 0;
        boolean inWord = false;
        for (char c : input) {
            if (Character.isWhitespace(c) || c == '\u3000') {
                inWord = false;
                continue;
            }
            if (!inWord) {
                if (words > 0) {
                    norm[n++] = ' ';
                }
                words++;
                inWord = true;
            }
            norm[n++] = Character.toLowerCase(c);
        }
        char[] phrase = java.util.Arrays.copyOf(norm, n);
        Secrets.wipe(norm);
        Mnemonic m = new Mnemonic(phrase, words);
        try {
            m.validate();
            return m;
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private void validate() {
        if (wordCount % 3 != 0 || wordCount < 12 || wordCount > 24) {
            throw new InvalidMnemonicException("A recovery phrase has 12, 15, 18, 21 or 24 words; this one has "
                    + wordCount + ". Check for missing or extra words.");
        }
        byte[] entropy = entropy();
        Secrets.wipe(entropy);
    }

    /** The entropy the phrase encodes; verifies the checksum. The caller wipes the result. */
    public byte[] entropy() {
        int totalBits = wordCount * 11;
        byte[] bits = new byte[(totalBits + 7) / 8];
        try {
            int start = 0;
            for (int w = 0; w < wordCount; w++) {
                int end = start;
                while (end < phrase.length && phrase[end] != ' ') {
                    end++;
                }
                int index = indexOf(phrase, start, end);
                if (index < 0) {
                    throw new InvalidMnemonicException("Word " + (w + 1) + " of the recovery phrase is not in the BIP-39 "
                            + "English word list. Check its spelling.");
                }
                for (int b = 0; b < 11; b++) {
                    if ((index >> (10 - b) & 1) == 1) {
                        int bit = w * 11 + b;
                        bits[bit / 8] |= (byte) (1 << (7 - bit % 8));
                    }
                }
                start = end + 1;
            }
            int checksumBits = wordCount / 3;
            byte[] entropy = java.util.Arrays.copyOf(bits, (totalBits - checksumBits) / 8);
            byte[] hash = sha256(entropy);
            int expected = (hash[0] & 0xff) >> (8 - checksumBits);
            int actual = (bits[entropy.length] & 0xff) >> (8 - checksumBits);
            Secrets.wipe(hash);
            if (expected != actual) {
                Secrets.wipe(entropy);
                throw new InvalidMnemonicException("The recovery phrase's checksum does not match: a word is wrong or "
                        + "the words are out of order.");
            }
            return entropy;
        } finally {
            Secrets.wipe(bits);
        }
    }

    /**
     * The 64-byte BIP-39 seed: PBKDF2-HMAC-SHA512, 2048 rounds, salt "mnemonic" + passphrase (NFKD).
     * A non-ASCII passphrase is normalised through one transient {@link String} (Java has no char[] normaliser).
     */
    public byte[] toSeed(char[] passphrase) {
        char[] pass = passphrase == null ? new char[0] : nfkd(passphrase);
        byte[] pw = Secrets.utf8(phrase);
        byte[] passBytes = Secrets.utf8(pass);
        byte[] salt = new byte[8 + passBytes.length];
        System.arraycopy("mnemonic".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, salt, 0, 8);
        System.arraycopy(passBytes, 0, salt, 8, passBytes.length);
        try {
            PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(new SHA512Digest());
            gen.init(pw, salt, PBKDF2_ROUNDS);
            return ((KeyParameter) gen.generateDerivedMacParameters(512)).getKey();
        } finally {
            Secrets.wipe(pw, passBytes, salt);
            if (pass != passphrase) {
                Secrets.wipe(pass);
            }
        }
    }

    private static char[] nfkd(char[] s) {
        for (char c : s) {
            if (c >= 0x80) {
                return Normalizer.normalize(CharBuffer.wrap(s), Normalizer.Form.NFKD).toCharArray();
            }
        }
        return s;
    }

    /** A copy of the phrase (single spaces, lower case) for showing to the user once; the caller wipes it. */
    public char[] phrase() {
        return phrase.clone();
    }

    public int wordCount() {
        return wordCount;
    }

    @Override
    public void close() {
        Secrets.wipe(phrase);
    }

    private static int indexOf(char[] s, int from, int to) {
        int lo = 0;
        int hi = WORDS.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = compare(WORDS.get(mid), s, from, to);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private static int compare(String word, char[] s, int from, int to) {
        int len = to - from;
        int n = Math.min(word.length(), len);
        for (int i = 0; i < n; i++) {
            int d = word.charAt(i) - s[from + i];
            if (d != 0) {
                return d;
            }
        }
        return word.length() - len;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The phrase is not a valid BIP-39 English phrase; the message says which check failed. */
    public static final class InvalidMnemonicException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public InvalidMnemonicException(String message) {
            super(message);
        }
    }
}
