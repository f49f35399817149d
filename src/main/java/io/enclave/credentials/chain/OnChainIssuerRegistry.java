package io.enclave.credentials.chain;

import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.credentials.attest.IssuerRegistry;
import io.enclave.credentials.pkg.Issuer;
import java.io.UncheckedIOException;

/**
 * {@link IssuerRegistry} read from the deployed CredentialRegistry through its web3j wrapper: a BabyJubJub key names
 * its issuer account ({@code issuerOfKey}), which must be registered and active; revocations are the issuer's
 * {@code revokeAttestation} calls ({@code attestationRevoked}). Calls are reads ({@code eth_call}) at the latest block.
 */
public final class OnChainIssuerRegistry implements IssuerRegistry {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";

    private final CredentialRegistry registry;

    public OnChainIssuerRegistry(CredentialRegistry registry) {
        this.registry = registry;
    }

    /** The issuer account registered with this key, or null. */
    public String accountOf(Issuer issuer) {
        String account = call(() -> registry.issuerOfKey(issuer.ax(), issuer.ay()).send());
        return account == null || ZERO.equalsIgnoreCase(account) ? null : account;
    }

    @Override
    public boolean isRegistered(Issuer issuer) {
        if (issuer.selfAttested()) {
            return false;
        }
        String account = accountOf(issuer);
        return account != null && Boolean.TRUE.equals(call(() -> registry.issuer(account).send().active));
    }

    @Override
    public boolean isRevoked(Issuer issuer, byte[] attestationHash) {
        String account = accountOf(issuer);
        return account != null && Boolean.TRUE.equals(call(() -> registry.attestationRevoked(account, attestationHash).send()));
    }

    private static <T> T call(ChainCall<T> c) {
        try {
            return c.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new UncheckedIOException("Cannot read the credential registry: " + e.getMessage(),
                    e instanceof java.io.IOException io ? io : new java.io.IOException(e));
        }
    }

    @FunctionalInterface
    private interface ChainCall<T> {
        T call() throws Exception;
    }
}
