package io.enclave.testsupport;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one anvil for the whole test run (stopped when the run ends) and gives every test a clean chain:
 * a snapshot before each test, reverted after it. Inject {@link Anvil} as a test or lifecycle parameter.
 */
public final class AnvilExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    public static final long CHAIN_ID = 31337;
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(AnvilExtension.class);

    public static Anvil anvil(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent("anvil", k -> new Shared(Anvil.start(CHAIN_ID)),
                Shared.class).anvil;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("snapshot", anvil(context).snapshot());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String id = context.getStore(NS).remove("snapshot", String.class);
        Anvil a = anvil(context);
        // evm_revert keeps the transaction pool, and turning automine back on mines what waits in it, in the background:
        // a transaction the test left pending would land in the next test's chain, before or after the revert
        a.rpc("anvil_dropAllTransactions");
        // a snapshot does not cover the mining mode: put back the default (automine, no interval) for the next test
        a.rpc("evm_setIntervalMining", 0);
        a.rpc("evm_setAutomine", true);
        if (id != null) {
            a.revert(id);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Anvil.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return anvil(e);
    }

    /** Closed by JUnit when the root context closes, i.e. at the end of the run. */
    private record Shared(Anvil anvil) implements AutoCloseable {
        @Override
        public void close() {
            anvil.close();
        }
    }
}
