package io.enclave.market;

import io.enclave.credentials.pkg.CredentialPackage;

/** Public access to the market test fixtures for tests of other packages (the CLI). */
public final class MarketFixtures {
    private MarketFixtures() {
    }

    /** A credential package with a real proof, unique by {@code tag}. */
    public static CredentialPackage credential(int tag) throws Exception {
        return MarketFixture.credential(tag);
    }
}
