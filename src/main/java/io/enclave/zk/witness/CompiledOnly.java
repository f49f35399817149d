package io.enclave.zk.witness;

import java.io.ByteArrayOutputStream;
import java.util.Set;

/**
 * A wasm binary with the bodies of the functions the Chicory compiler turned into JVM bytecode replaced by
 * {@code unreachable}: what a compiled instance still reads from its module (types, imports, memory, data, globals,
 * tables, exports, names, and the bodies of the functions it interprets because they are too large for a JVM method).
 * circom's witness wasm parsed whole is ~60 MB of instruction objects per circuit; this copy parses to a few MB.
 */
final class CompiledOnly {
    private static final int CODE_SECTION = 10;
    /** A body of no locals and {@code unreachable end}: valid for any function type, never run. */
    private static final byte[] STUB = {0x03, 0x00, 0x00, 0x0b};

    private CompiledOnly() {
    }

    /**
     * @param wasm        a wasm binary that parsed and validated
     * @param interpreted indexes, in the code section (imports not counted), of the bodies to keep
     */
    static byte[] strip(byte[] wasm, Set<Integer> interpreted) {
        Reader in = new Reader(wasm, 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length / 4);
        out.write(wasm, 0, 8); // magic and version
        while (in.pos < wasm.length) {
            int id = wasm[in.pos++] & 0xff;
            int size = in.u32();
            int start = in.pos;
            in.check(start, size, "section " + id);
            if (id != CODE_SECTION) {
                out.write(id);
                writeU32(out, size);
                out.write(wasm, start, size);
            } else {
                ByteArrayOutputStream code = new ByteArrayOutputStream();
                int count = in.u32();
                writeU32(code, count);
                for (int i = 0; i < count; i++) {
                    int bodyStart = in.pos;
                    int bodySize = in.u32();
                    in.check(in.pos, bodySize, "function body " + i);
                    int end = in.pos + bodySize;
                    if (interpreted.contains(i)) {
                        code.write(wasm, bodyStart, end - bodyStart);
                    } else {
                        code.write(STUB, 0, STUB.length);
                    }
                    in.pos = end;
                }
                if (in.pos != start + size) {
                    throw new IllegalArgumentException("the code section's bodies do not fill its " + size + " bytes");
                }
                out.write(id);
                writeU32(out, code.size());
                out.write(code.toByteArray(), 0, code.size());
            }
            in.pos = start + size;
        }
        return out.toByteArray();
    }

    private static void writeU32(ByteArrayOutputStream out, int value) {
        int v = value;
        do {
            int b = v & 0x7f;
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    /** LEB128 reading over a byte array. */
    private static final class Reader {
        final byte[] bytes;
        int pos;

        Reader(byte[] bytes, int pos) {
            this.bytes = bytes;
            this.pos = pos;
        }

        void check(int from, int length, String what) {
            if (length < 0 || from + length > bytes.length || from + length < from) {
                throw new IllegalArgumentException("the wasm ends inside " + what + " (" + length + " bytes at byte " + from
                        + " of " + bytes.length + ")");
            }
        }

        int u32() {
            int result = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                if (pos >= bytes.length) {
                    throw new IllegalArgumentException("the wasm ends inside a number at byte " + pos);
                }
                int b = bytes[pos++] & 0xff;
                result |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("a number longer than 5 bytes at byte " + pos);
        }
    }
}
