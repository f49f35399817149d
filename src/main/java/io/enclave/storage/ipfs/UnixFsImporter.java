package io.enclave.storage.ipfs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Computes locally the CIDv1 an IPFS node gives a file added with {@code cid-version=1}, raw leaves, the default
 * fixed-size chunker (256 KiB) and the balanced layout (174 links per node): a file of one chunk is a single raw
 * block; a larger file is a tree of dag-pb UnixFS nodes over raw leaves.
 */
public final class UnixFsImporter {
    public static final int CHUNK_SIZE = 262_144;
    public static final int MAX_LINKS = 174;

    private UnixFsImporter() {
    }

    /** The root CID of {@code content}. */
    public static Cid cidOf(byte[] content) {
        return build(content, null);
    }

    /** The root CID of {@code content}; every block of the DAG is passed to {@code sink} (children before parents). */
    public static Cid build(byte[] content, BiConsumer<Cid, byte[]> sink) {
        return build(content, CHUNK_SIZE, sink);
    }

    /** As {@link #build(byte[], BiConsumer)} with another chunk size (a node's {@code chunker=size-N}). */
    public static Cid build(byte[] content, int chunkSize, BiConsumer<Cid, byte[]> sink) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunk size must be positive");
        }
        List<Entry> level = new ArrayList<>();
        int offset = 0;
        do {
            int n = Math.min(chunkSize, content.length - offset);
            Cid leaf = new Cid(Cid.RAW, Multihash.sha256Of(content, offset, n));
            if (sink != null) {
                byte[] block = new byte[n];
                System.arraycopy(content, offset, block, 0, n);
                sink.accept(leaf, block);
            }
            level.add(new Entry(leaf, n, n));
            offset += n;
        } while (offset < content.length);
        if (level.size() == 1) {
            return level.get(0).cid;
        }
        while (level.size() > 1) {
            List<Entry> parents = new ArrayList<>();
            for (int i = 0; i < level.size(); i += MAX_LINKS) {
                parents.add(parent(level.subList(i, Math.min(level.size(), i + MAX_LINKS)), sink));
            }
            level = parents;
        }
        return level.get(0).cid;
    }

    private static Entry parent(List<Entry> children, BiConsumer<Cid, byte[]> sink) {
        List<DagPb.Link> links = new ArrayList<>(children.size());
        List<Long> sizes = new ArrayList<>(children.size());
        long fileSize = 0;
        long tsize = 0;
        for (Entry e : children) {
            links.add(new DagPb.Link(e.cid, "", e.tsize));
            sizes.add(e.fileSize);
            fileSize += e.fileSize;
            tsize += e.tsize;
        }
        byte[] data = UnixFs.encode(new UnixFs.Data(UnixFs.TYPE_FILE, null, fileSize, sizes));
        byte[] block = DagPb.encode(new DagPb.Node(links, data));
        Cid cid = new Cid(Cid.DAG_PB, Multihash.sha256Of(block));
        if (sink != null) {
            sink.accept(cid, block);
        }
        return new Entry(cid, fileSize, tsize + block.length);
    }

    private record Entry(Cid cid, long fileSize, long tsize) {
    }
}
