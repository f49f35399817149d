package io.enclave.storage.ipfs;

import java.io.ByteArrayOutputStream;

/** Unsigned LEB128 varints as used by multiformats and protobuf (at most 63 bits here). */
public final class Varint {
    private Varint() {
    }

    public static void write(ByteArrayOutputStream out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint must be non-negative: " + value);
        }
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    public static byte[] encode(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        write(out, value);
        return out.toByteArray();
    }

    public static int size(long value) {
        int n = 1;
        long v = value >>> 7;
        while (v != 0) {
            n++;
            v >>>= 7;
        }
        return n;
    }

    /** A cursor over a byte array that reads varints and length-delimited fields, failing on truncation. */
    public static final class Reader {
        private final byte[] data;
        private int pos;
        private final int end;

        public Reader(byte[] data) {
            this(data, 0, data.length);
        }

        public Reader(byte[] data, int from, int to) {
            this.data = data;
            this.pos = from;
            this.end = to;
        }

        public boolean hasMore() {
            return pos < end;
        }

        public int position() {
            return pos;
        }

        public long readVarint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IllegalArgumentException("truncated varint at byte " + pos);
                }
                int b = data[pos++] & 0xFF;
                if (shift == 63 && b > 1) {
                    throw new IllegalArgumentException("varint overflows 64 bits at byte " + pos);
                }
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (b == 0 && shift > 0) {
                        throw new IllegalArgumentException("non-minimal varint at byte " + (pos - 1));
                    }
                    return result;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes at byte " + pos);
        }

        public byte[] readBytes(int n) {
            if (n < 0 || n > end - pos) {
                throw new IllegalArgumentException("truncated field: need " + n + " bytes at byte " + pos
                        + ", have " + (end - pos));
            }
            byte[] out = new byte[n];
            System.arraycopy(data, pos, out, 0, n);
            pos += n;
            return out;
        }

        public byte[] readLengthDelimited() {
            long n = readVarint();
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("field length " + n + " too large");
            }
            return readBytes((int) n);
        }

        public byte[] rest() {
            return readBytes(end - pos);
        }
    }
}
