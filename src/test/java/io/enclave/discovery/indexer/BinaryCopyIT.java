package io.enclave.discovery.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.testsupport.Postgres;
import io.enclave.testsupport.PostgresExtension;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The binary COPY writer against a real PostgreSQL: every value reads back as the text form PostgreSQL gives it. */
@ExtendWith(PostgresExtension.class)
class BinaryCopyIT {
    @Test
    void valuesRoundTripThroughPostgres(Postgres.Schema schema) throws Exception {
        List<BigInteger> numbers = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(9_999),
                BigInteger.valueOf(10_000), BigInteger.valueOf(100_000_000), BigInteger.TEN.pow(18),
                BigInteger.TEN.pow(40).add(BigInteger.valueOf(7)), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
                BigInteger.valueOf(-12_345_678)));
        Random random = new Random(8);
        for (int i = 0; i < 200; i++) {
            numbers.add(new BigInteger(1 + random.nextInt(256), random));
        }
        List<Instant> times = List.of(Instant.parse("2026-11-29T12:00:00Z"), Instant.parse("1999-12-31T23:59:59.123456Z"),
                Instant.parse("2000-01-01T00:00:00Z"), Instant.ofEpochSecond(0));
        List<String> texts = List.of("", "plain", "ünïcødé ✓ 日本語 😀", "tab\tnew\nline\\back\"quote'", "0x" + "ab".repeat(32));
        try (Connection c = schema.dataSource().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("CREATE TEMP TABLE copy_check (n NUMERIC(78, 0), t TIMESTAMPTZ, s VARCHAR(200), i INTEGER, b BIGINT,"
                    + " j JSONB, k INTEGER)");
            BinaryCopy copy = new BinaryCopy(1024);
            int rows = numbers.size();
            for (int r = 0; r < rows; r++) {
                copy.row(7).numeric(numbers.get(r)).timestamptz(times.get(r % times.size())).text(texts.get(r % texts.size()))
                        .int4(r % 2 == 0 ? -r : Integer.MAX_VALUE - r).int8(r % 2 == 0 ? Long.MIN_VALUE + r : r * 1_000_000_007L)
                        .jsonb("{\"k\":\"" + r + "\",\"s\":\"é\"}").int4(r);
            }
            copy.row(7).numeric(null).nullField().text(null).nullField().nullField().jsonb("{}").int4(rows);
            assertThat(copy.copyInto(c, "copy_check")).isEqualTo(rows + 1);
            try (ResultSet rs = st.executeQuery("SELECT n::text, t, s, i, b, j->>'k', j->>'s', k FROM copy_check ORDER BY k")) {
                for (int r = 0; r < rows; r++) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as("numeric " + numbers.get(r)).isEqualTo(numbers.get(r).toString());
                    assertThat(rs.getTimestamp(2).toInstant()).isEqualTo(times.get(r % times.size()));
                    assertThat(rs.getString(3)).isEqualTo(texts.get(r % texts.size()));
                    assertThat(rs.getInt(4)).isEqualTo(r % 2 == 0 ? -r : Integer.MAX_VALUE - r);
                    assertThat(rs.getLong(5)).isEqualTo(r % 2 == 0 ? Long.MIN_VALUE + r : r * 1_000_000_007L);
                    assertThat(rs.getString(6)).isEqualTo(Integer.toString(r));
                    assertThat(rs.getString(7)).isEqualTo("é");
                }
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isNull();
                assertThat(rs.getTimestamp(2)).isNull();
                assertThat(rs.getString(3)).isNull();
                assertThat(rs.next()).isFalse();
            }
            c.rollback();
        }
    }
}
