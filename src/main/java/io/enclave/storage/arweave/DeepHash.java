package io.enclave.storage.arweave;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Arweave's deep hash (SHA-384) of nested lists of byte strings: a blob hashes as
 * {@code H(H("blob" + len) + H(data))}, a list folds {@code acc = H(acc + deepHash(item))} from {@code H("list" + len)}.
 */
public final class DeepHash {
    private DeepHash() {
    }

    /** {@code item} is a {@code byte[]} or a {@code List} of items. */
    public static byte[] of(Object item) {
        if (item instanceof byte[] blob) {
            byte[] tag = sha384(concat(("blob" + blob.length).getBytes(StandardCharsets.US_ASCII)));
            return sha384(concat(tag, sha384(blob)));
        }
        if (item instanceof List<?> list) {
            byte[] acc = sha384(("list" + list.size()).getBytes(StandardCharsets.US_ASCII));
            for (Object child : list) {
                acc = sha384(concat(acc, of(child)));
            }
            return acc;
        }
        throw new IllegalArgumentException("deep hash takes byte arrays and lists, not " + item);
    }

    static byte[] sha384(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-384").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
