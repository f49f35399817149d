package io.enclave.storage.ipfs;

import io.enclave.storage.BlockSource;
import io.enclave.storage.EndpointHealth;
import io.enclave.storage.IntegrityException;
import io.enclave.storage.StorageException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads content by CID from untrusted sources, block by block: every block is checked against the CID that names
 * it before it is decoded or returned, and the UnixFS sizes are checked against the bytes found. A source that
 * answers wrong bytes, truncated bytes, an error or nothing in time is recorded in {@link EndpointHealth} and the
 * next source is asked; sources with repeated failures are asked last.
 */
public final class TrustlessReader {
    private static final int MAX_DEPTH = 16;
    private final List<BlockSource> sources;
    private final EndpointHealth health;
    private final Duration timeout;
    private final long maxBytes;

    public TrustlessReader(List<BlockSource> sources, EndpointHealth health, Duration timeout, long maxBytes) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no IPFS node or gateway configured to read from");
        }
        this.sources = List.copyOf(sources);
        this.health = health;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** The whole content named by {@code cid}, verified. */
    public byte[] read(Cid cid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        append(cid, out, 0, -1);
        return out.toByteArray();
    }

    /** One block, verified against its CID; tries every source in order. */
    public byte[] block(Cid cid) {
        List<String> failures = new ArrayList<>();
        for (BlockSource source : ordered()) {
            long start = System.nanoTime();
            try {
                byte[] block = source.block(cid, timeout);
                if (!cid.matches(block)) {
                    throw new IntegrityException(source.name() + " answered " + block.length
                            + " bytes that do not hash to " + cid + " (tampered or truncated)");
                }
                health.success(source.name(), (System.nanoTime() - start) / 1_000_000);
                return block;
            } catch (RuntimeException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                health.failure(source.name(), why);
                failures.add(source.name() + ": " + why);
            }
        }
        throw new StorageException("Could not read block " + cid + " from any source. Tried:\n  "
                + String.join("\n  ", failures) + "\nCheck that a node or pinning service still holds it "
                + "(enclave storage repin) and that the gateways are reachable.");
    }

    private List<BlockSource> ordered() {
        return sources.stream().sorted(Comparator.comparing(s -> health.of(s.name()).degraded())).toList();
    }

    /** Appends the file bytes under {@code cid}; returns how many were appended. */
    private long append(Cid cid, ByteArrayOutputStream out, int depth, long expected) {
        if (depth > MAX_DEPTH) {
            throw new IntegrityException("DAG under " + cid + " is deeper than " + MAX_DEPTH + " levels: refused");
        }
        byte[] block = block(cid);
        if (cid.isRaw()) {
            check(out, block.length);
            out.writeBytes(block);
            return block.length;
        }
        DagPb.Node node;
        UnixFs.Data data;
        try {
            node = DagPb.decode(block);
            if (node.data() == null) {
                throw new IllegalArgumentException("dag-pb node without UnixFS data");
            }
            data = UnixFs.decode(node.data());
        } catch (IllegalArgumentException e) {
            throw new IntegrityException("Block " + cid + " is not a UnixFS file node: " + e.getMessage());
        }
        if (data.type() != UnixFs.TYPE_FILE && data.type() != UnixFs.TYPE_RAW) {
            throw new IntegrityException("CID " + cid + " is a UnixFS type " + data.type() + " node, not a file");
        }
        if (!node.links().isEmpty() && node.links().size() != data.blocksizes().size()) {
            throw new IntegrityException("Node " + cid + " has " + node.links().size() + " links but "
                    + data.blocksizes().size() + " block sizes");
        }
        check(out, data.data().length);
        out.writeBytes(data.data());
        long total = data.data().length;
        for (int i = 0; i < node.links().size(); i++) {
            long want = data.blocksizes().get(i);
            long got = append(node.links().get(i).hash(), out, depth + 1, want);
            if (got != want) {
                throw new IntegrityException("Child " + i + " of " + cid + " holds " + got + " bytes, its parent says "
                        + want);
            }
            total += got;
        }
        if (data.filesize() >= 0 && data.filesize() != total) {
            throw new IntegrityException("Node " + cid + " declares " + data.filesize() + " bytes but holds " + total);
        }
        if (expected >= 0 && expected != total) {
            throw new IntegrityException("Node " + cid + " holds " + total + " bytes, expected " + expected);
        }
        return total;
    }

    private void check(ByteArrayOutputStream out, long more) {
        if (out.size() + more > maxBytes) {
            throw new StorageException("Content is larger than the " + maxBytes + "-byte limit for one read: refused");
        }
    }
}
