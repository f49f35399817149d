package io.enclave.discovery;

import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.testsupport.Postgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A migrated discovery database in a test's fresh schema, and small query helpers. */
public final class DbFixture {
    private DbFixture() {
    }

    public static DiscoveryDatabase open(Postgres.Schema schema) {
        return DiscoveryDatabase.open(schema.jdbcUrl(), schema.server().user(), null, schema.name(), 6);
    }

    public static long count(DiscoveryDatabase db, String sql) throws SQLException {
        return Long.parseLong(one(db, sql));
    }

    public static String one(DiscoveryDatabase db, String sql) throws SQLException {
        List<String> rows = column(db, sql);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public static List<String> column(DiscoveryDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
