package io.enclave.storage.arweave;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Arweave's data chunking (256 KiB chunks, the last two rebalanced so none is under 32 KiB) and its merkle tree: the
 * {@code data_root} a v2 transaction signs and the proof ({@code data_path}) sent with each chunk.
 */
public final class ArweaveMerkle {
    public static final int MAX_CHUNK = 256 * 1024;
    public static final int MIN_CHUNK = 32 * 1024;
    private static final int NOTE_SIZE = 32;

    private ArweaveMerkle() {
    }

    /** A chunk: its byte range in the data and the proof that it belongs under the root. */
    public record Chunk(int min, int max, byte[] dataHash, byte[] proof) {
        /** The offset sent with the chunk: its last byte. */
        public int offset() {
            return max - 1;
        }
    }

    /** The root and the chunks of {@code data}. */
    public record Tree(byte[] root, List<Chunk> chunks) {
    }

    public static Tree build(byte[] data) {
        List<int[]> ranges = new ArrayList<>();
        int cursor = 0;
        int rest = data.length;
        while (rest >= MAX_CHUNK) {
            int size = MAX_CHUNK;
            int next = rest - MAX_CHUNK;
            if (next > 0 && next < MIN_CHUNK) {
                size = (rest + 1) / 2;
            }
            ranges.add(new int[] {cursor, cursor + size});
            cursor += size;
            rest -= size;
        }
        ranges.add(new int[] {cursor, cursor + rest});

        List<Node> leaves = new ArrayList<>();
        for (int[] r : ranges) {
            MessageDigest md = sha256();
            md.update(data, r[0], r[1] - r[0]);
            byte[] dataHash = md.digest();
            byte[] id = hash(hash(dataHash), hash(note(r[1])));
            leaves.add(new Node(id, r[0], r[1], dataHash, null, null, 0));
        }
        Node root = layers(leaves);
        List<Chunk> chunks = new ArrayList<>();
        proofs(root, new byte[0], chunks);
        if (chunks.size() > 1 && chunks.get(chunks.size() - 1).max() == chunks.get(chunks.size() - 1).min()) {
            chunks.remove(chunks.size() - 1);
        }
        return new Tree(root.id, chunks);
    }

    private record Node(byte[] id, int min, int max, byte[] dataHash, Node left, Node right, int byteRange) {
        boolean leaf() {
            return left == null;
        }
    }

    private static Node layers(List<Node> nodes) {
        if (nodes.size() < 2) {
            return nodes.get(0);
        }
        List<Node> next = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i += 2) {
            Node left = nodes.get(i);
            if (i + 1 >= nodes.size()) {
                next.add(left);
                continue;
            }
            Node right = nodes.get(i + 1);
            byte[] id = hash(hash(left.id), hash(right.id), hash(note(left.max)));
            next.add(new Node(id, left.min, right.max, null, left, right, left.max));
        }
        return layers(next);
    }

    private static void proofs(Node node, byte[] path, List<Chunk> out) {
        if (node.leaf()) {
            out.add(new Chunk(node.min, node.max, node.dataHash, DeepHash.concat(path, node.dataHash, note(node.max))));
            return;
        }
        byte[] partial = DeepHash.concat(path, node.left.id, node.right.id, note(node.byteRange));
        proofs(node.left, partial, out);
        proofs(node.right, partial, out);
    }

    private static byte[] hash(byte[]... parts) {
        return sha256().digest(DeepHash.concat(parts));
    }

    static byte[] note(long value) {
        byte[] b = BigInteger.valueOf(value).toByteArray();
        byte[] out = new byte[NOTE_SIZE];
        int n = Math.min(b.length, NOTE_SIZE);
        System.arraycopy(b, b.length - n, out, NOTE_SIZE - n, n);
        return out;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
