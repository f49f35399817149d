package io.enclave.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One js-ipfs daemon for the whole run. Content addressing makes tests independent without a reset:
 * each test adds its own bytes. Inject {@link IpfsNode} as a parameter.
 */
public final class IpfsExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(IpfsExtension.class);

    public static IpfsNode node(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent("ipfs", k -> new Shared(IpfsNode.start()),
                Shared.class).node;
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == IpfsNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return node(e);
    }

    private record Shared(IpfsNode node) implements AutoCloseable {
        @Override
        public void close() {
            node.close();
        }
    }
}
