package io.enclave.wallet;

import io.enclave.crypto.Secrets;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Keys;

/** BIP-32/44 Ethereum accounts at m/44'/60'/0'/0/i through web3j's {@link Bip32ECKeyPair}: MetaMask's and anvil's path. */
public final class HdKeys {
    private static final int H = Bip32ECKeyPair.HARDENED_BIT;
    private static final int[] ACCOUNT_BRANCH = {44 | H, 60 | H, 0 | H, 0};

    private HdKeys() {
    }

    public static String path(int index) {
        return "m/44'/60'/0'/0/" + index;
    }

    /** The external-chain node m/44'/60'/0'/0 of a 64-byte BIP-39 seed; derive accounts from it with {@link #child}. */
    public static Bip32ECKeyPair branch(byte[] seed) {
        if (seed.length != 64) {
            throw new IllegalArgumentException("a BIP-39 seed is 64 bytes, got " + seed.length);
        }
        return Bip32ECKeyPair.deriveKeyPair(Bip32ECKeyPair.generateKeyPair(seed), ACCOUNT_BRANCH);
    }

    /** The account key at index {@code i} below {@link #branch}. */
    public static Bip32ECKeyPair child(Bip32ECKeyPair branch, int i) {
        if (i < 0) {
            throw new IllegalArgumentException("account index must be >= 0, got " + i);
        }
        return Bip32ECKeyPair.deriveKeyPair(branch, new int[] {i});
    }

    /** The 32-byte big-endian private key of {@code pair}; the caller wipes it. */
    public static byte[] privateKey(org.web3j.crypto.ECKeyPair pair) {
        byte[] raw = pair.getPrivateKey().toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(32, raw.length);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        Secrets.wipe(raw);
        return out;
    }

    /** The lower-case {@code 0x} address of {@code pair}. */
    public static String address(org.web3j.crypto.ECKeyPair pair) {
        return "0x" + Keys.getAddress(pair.getPublicKey());
    }
}
