package io.enclave.discovery.indexer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import org.postgresql.PGConnection;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, written field by field and sent with pgjdbc's CopyManager: no text
 * escaping on this side, no text parsing of numbers and times on the server's. Only the types the indexer's staging
 * tables use. Fields must be written in the table's column order, {@link #row} first.
 */
final class BinaryCopy {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0,
        0, 0};
    /** Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    /** The rows so far (a plain growable array: ByteArrayOutputStream synchronises and checks capacity per byte). */
    private byte[] buf;
    private int size;
    private int rows;

    BinaryCopy(int expectedBytes) {
        buf = new byte[Math.max(64, expectedBytes)];
        bytes(HEADER);
    }

    int rows() {
        return rows;
    }

    BinaryCopy row(int fields) {
        short16(fields);
        rows++;
        return this;
    }

    BinaryCopy text(String s) {
        if (s == null) {
            return nullField();
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int32(b.length);
        bytes(b);
        return this;
    }

    /** jsonb: a version byte (1) and the JSON text. */
    BinaryCopy jsonb(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        int32(b.length + 1);
        room(1);
        buf[size++] = 1;
        bytes(b);
        return this;
    }

    BinaryCopy int4(int v) {
        int32(4);
        int32(v);
        return this;
    }

    BinaryCopy int8(long v) {
        int32(8);
        int64(v);
        return this;
    }

    BinaryCopy timestamptz(Instant t) {
        int32(8);
        int64(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000) - PG_EPOCH_MICROS);
        return this;
    }

    /** numeric with scale 0: base-10,000 digits, most significant first, trailing zero digits dropped. */
    BinaryCopy numeric(BigInteger v) {
        if (v == null) {
            return nullField();
        }
        if (v.signum() == 0) {
            int32(8);
            short16(0);
            short16(0);
            short16(0);
            short16(0);
            return this;
        }
        short[] digits = new short[(v.bitLength() * 3 / 40) + 2];
        int n = 0;
        if (v.bitLength() < 63) {
            for (long a = Math.abs(v.longValue()); a > 0; a /= 10_000) {
                digits[n++] = (short) (a % 10_000);
            }
        } else {
            String dec = v.abs().toString();
            for (int end = dec.length(); end > 0; end -= 4) {
                digits[n++] = Short.parseShort(dec.substring(Math.max(0, end - 4), end));
            }
        }
        int weight = n - 1;
        int low = 0;
        while (digits[low] == 0) {
            low++;
        }
        int count = n - low;
        int32(8 + 2 * count);
        short16(count);
        short16(weight);
        short16(v.signum() < 0 ? 0x4000 : 0);
        short16(0);
        for (int i = n - 1; i >= low; i--) {
            short16(digits[i]);
        }
        return this;
    }

    BinaryCopy nullField() {
        int32(-1);
        return this;
    }

    /** Sends the rows with {@code COPY <table> FROM STDIN (FORMAT binary)}; returns the row count the server took. */
    long copyInto(Connection c, String table) throws SQLException {
        short16(-1);
        try {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN (FORMAT binary)",
                    new ByteArrayInputStream(buf, 0, size));
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed: " + e.getMessage(), e);
        }
    }

    private void room(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    private void bytes(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    private void short16(int v) {
        room(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void int32(int v) {
        room(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void int64(long v) {
        int32((int) (v >>> 32));
        int32((int) v);
    }
}
