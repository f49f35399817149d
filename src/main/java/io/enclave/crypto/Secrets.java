package io.enclave.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Handling of secret material as {@code byte[]}/{@code char[]}: wiping, UTF-8 conversion without an intermediate
 * {@link String}, constant-time comparison and random bytes.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** Overwrites every array given with zeros; {@code null} entries are ignored. */
    public static void wipe(byte[]... arrays) {
        for (byte[] a : arrays) {
            if (a != null) {
                Arrays.fill(a, (byte) 0);
            }
        }
    }

    /** Overwrites every array given with zeros; {@code null} entries are ignored. */
    public static void wipe(char[]... arrays) {
        for (char[] a : arrays) {
            if (a != null) {
                Arrays.fill(a, '\0');
            }
        }
    }

    /** {@code n} bytes from a {@link SecureRandom}. */
    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** UTF-8 bytes of {@code chars}; no copy is left behind except the returned array. */
    public static byte[] utf8(char[] chars) {
        CharsetEncoder enc = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buf = ByteBuffer.allocate((int) Math.ceil(chars.length * (double) enc.maxBytesPerChar()));
        try {
            enc.encode(CharBuffer.wrap(chars), buf, true);
            enc.flush(buf);
            byte[] out = new byte[buf.position()];
            buf.flip();
            buf.get(out);
            return out;
        } finally {
            wipe(buf.array());
        }
    }

    /** Decodes UTF-8 {@code bytes} into a fresh {@code char[]}; malformed input is an error, not replaced. */
    public static char[] chars(byte[] bytes) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer buf = CharBuffer.allocate(bytes.length);
        try {
            var result = dec.decode(ByteBuffer.wrap(bytes), buf, true);
            if (result.isError()) {
                result.throwException();
            }
            char[] out = new char[buf.position()];
            buf.flip();
            buf.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("secret is not valid UTF-8", e);
        } finally {
            wipe(buf.array());
        }
    }

    /** Compares two arrays in time independent of where they differ. */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
