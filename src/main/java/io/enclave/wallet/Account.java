package io.enclave.wallet;

import java.util.Objects;

/**
 * One account of a wallet: public facts only (the key stays inside the encrypted part of the wallet file).
 *
 * @param address {@code 0x} + 40 lower-case hex digits
 * @param label the user's name for it
 * @param source where the key comes from
 * @param index the HD index (m/44'/60'/0'/0/index) or the slot of an imported key
 */
public record Account(String address, String label, Source source, int index) {
    /** Where an account's key comes from. */
    public enum Source {
        /** Derived from the wallet's recovery phrase at m/44'/60'/0'/0/index. */
        HD,
        /** A private key imported on its own (raw or from a keystore); back it up separately. */
        IMPORTED
    }

    public Account {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(source, "source");
        label = label == null ? "" : label;
        if (!address.matches("0x[0-9a-f]{40}")) {
            throw new IllegalArgumentException("address must be 0x + 40 lower-case hex digits: " + address);
        }
    }

    /** The derivation path, or "imported". */
    public String path() {
        return source == Source.HD ? HdKeys.path(index) : "imported";
    }
}
