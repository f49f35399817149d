package io.enclave.storage.ipfs;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** The UnixFS {@code Data} message carried in dag-pb nodes (files only: Enclave stores single blobs). */
public final class UnixFs {
    public static final int TYPE_RAW = 0;
    public static final int TYPE_FILE = 2;

    private UnixFs() {
    }

    /** A UnixFS data message; {@code data} may be empty, {@code filesize} is -1 when absent. */
    public record Data(int type, byte[] data, long filesize, List<Long> blocksizes) {
        public Data {
            blocksizes = List.copyOf(blocksizes);
            data = data == null ? new byte[0] : data;
        }
    }

    public static byte[] encode(Data d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x08);
        Varint.write(out, d.type());
        if (d.data().length > 0) {
            out.write(0x12);
            Varint.write(out, d.data().length);
            out.writeBytes(d.data());
        }
        if (d.filesize() >= 0) {
            out.write(0x18);
            Varint.write(out, d.filesize());
        }
        for (long size : d.blocksizes()) {
            out.write(0x20);
            Varint.write(out, size);
        }
        return out.toByteArray();
    }

    /** Decodes a UnixFS message, skipping the optional fields a file may carry (hashType, fanout, mode, mtime). */
    public static Data decode(byte[] bytes) {
        Varint.Reader r = new Varint.Reader(bytes);
        int type = -1;
        byte[] data = null;
        long filesize = -1;
        List<Long> blocksizes = new ArrayList<>();
        while (r.hasMore()) {
            long key = r.readVarint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            switch (field) {
                case 1 -> type = (int) expectVarint(r, wire);
                case 2 -> data = expectBytes(r, wire);
                case 3 -> filesize = expectVarint(r, wire);
                case 4 -> {
                    if (wire == 2) {
                        Varint.Reader packed = new Varint.Reader(r.readLengthDelimited());
                        while (packed.hasMore()) {
                            blocksizes.add(packed.readVarint());
                        }
                    } else {
                        blocksizes.add(expectVarint(r, wire));
                    }
                }
                case 5, 6, 7 -> expectVarint(r, wire);
                case 8 -> expectBytes(r, wire);
                default -> throw new IllegalArgumentException("UnixFS: unknown field " + field);
            }
        }
        if (type < 0) {
            throw new IllegalArgumentException("UnixFS: missing Type");
        }
        return new Data(type, data, filesize, blocksizes);
    }

    private static long expectVarint(Varint.Reader r, int wire) {
        if (wire != 0) {
            throw new IllegalArgumentException("UnixFS: expected a varint field, wire type " + wire);
        }
        return r.readVarint();
    }

    private static byte[] expectBytes(Varint.Reader r, int wire) {
        if (wire != 2) {
            throw new IllegalArgumentException("UnixFS: expected a bytes field, wire type " + wire);
        }
        return r.readLengthDelimited();
    }
}
