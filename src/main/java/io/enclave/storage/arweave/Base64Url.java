package io.enclave.storage.arweave;

import java.util.Base64;

/** Arweave's base64url without padding. */
public final class Base64Url {
    private Base64Url() {
    }

    public static String encode(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static byte[] decode(String s) {
        return Base64.getUrlDecoder().decode(s);
    }
}
