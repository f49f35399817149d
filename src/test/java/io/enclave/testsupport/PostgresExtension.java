package io.enclave.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One embedded PostgreSQL for the whole run; each test that asks for a {@link Postgres.Schema} gets a fresh,
 * empty schema, dropped when the test (or, for a lifecycle parameter, the class) is done.
 * {@link Postgres} itself can be injected too.
 */
public final class PostgresExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PostgresExtension.class);

    public static Postgres server(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent("pg", k -> new Shared(Postgres.start()),
                Shared.class).pg;
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> t = p.getParameter().getType();
        return t == Postgres.class || t == Postgres.Schema.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        if (p.getParameter().getType() == Postgres.class) {
            return server(e);
        }
        Postgres.Schema schema = server(e).newSchema();
        e.getStore(NS).put("schema-" + schema.name(), (AutoCloseable) schema::drop);
        return schema;
    }

    private record Shared(Postgres pg) implements AutoCloseable {
        @Override
        public void close() {
            pg.close();
        }
    }
}
