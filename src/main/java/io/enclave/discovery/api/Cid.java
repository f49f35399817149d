package io.enclave.discovery.api;

import java.util.Locale;

/** CIDv1 for a raw block addressed by sha-256: {@code "b" + base32(0x01 0x55 0x12 0x20 + digest)}, lower case. */
public final class Cid {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Cid() {
    }

    /** The CID of the raw block whose sha-256 is {@code digestHex} (0x-prefixed 32 bytes). */
    public static String rawSha256(String digestHex) {
        String h = digestHex.toLowerCase(Locale.ROOT);
        if (!h.matches("0x[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a 32-byte hex digest: " + digestHex);
        }
        byte[] bytes = new byte[36];
        bytes[0] = 0x01;
        bytes[1] = 0x55;
        bytes[2] = 0x12;
        bytes[3] = 0x20;
        for (int i = 0; i < 32; i++) {
            bytes[4 + i] = (byte) Integer.parseInt(h.substring(2 + 2 * i, 4 + 2 * i), 16);
        }
        return "b" + base32(bytes);
    }

    static String base32(byte[] data) {
        StringBuilder sb = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return sb.toString();
    }
}
