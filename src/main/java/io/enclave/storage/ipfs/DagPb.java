package io.enclave.storage.ipfs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The dag-pb block format (PBNode/PBLink protobuf), encoded canonically: links first, then data. */
public final class DagPb {
    private DagPb() {
    }

    /** A link to a child block: its CID, an (often empty) name and the cumulative size of the child's DAG. */
    public record Link(Cid hash, String name, long tsize) {
    }

    /** A decoded dag-pb node. {@code data} is null when the field is absent. */
    public record Node(List<Link> links, byte[] data) {
        public Node {
            links = List.copyOf(links);
        }
    }

    public static byte[] encode(Node node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Link link : node.links()) {
            ByteArrayOutputStream l = new ByteArrayOutputStream();
            byte[] hash = link.hash().toBytes();
            l.write(0x0a);
            Varint.write(l, hash.length);
            l.writeBytes(hash);
            if (link.name() != null) {
                byte[] name = link.name().getBytes(StandardCharsets.UTF_8);
                l.write(0x12);
                Varint.write(l, name.length);
                l.writeBytes(name);
            }
            l.write(0x18);
            Varint.write(l, link.tsize());
            out.write(0x12);
            Varint.write(out, l.size());
            out.writeBytes(l.toByteArray());
        }
        if (node.data() != null) {
            out.write(0x0a);
            Varint.write(out, node.data().length);
            out.writeBytes(node.data());
        }
        return out.toByteArray();
    }

    /** Decodes a dag-pb block, rejecting unknown fields, wrong wire types and truncation. */
    public static Node decode(byte[] block) {
        Varint.Reader r = new Varint.Reader(block);
        List<Link> links = new ArrayList<>();
        byte[] data = null;
        while (r.hasMore()) {
            long key = r.readVarint();
            if (key == 0x12) {
                if (data != null) {
                    throw new IllegalArgumentException("dag-pb: link after data (non-canonical block)");
                }
                links.add(decodeLink(r.readLengthDelimited()));
            } else if (key == 0x0a) {
                if (data != null) {
                    throw new IllegalArgumentException("dag-pb: duplicate data field");
                }
                data = r.readLengthDelimited();
            } else {
                throw new IllegalArgumentException("dag-pb: unexpected field key " + key);
            }
        }
        return new Node(links, data);
    }

    private static Link decodeLink(byte[] bytes) {
        Varint.Reader r = new Varint.Reader(bytes);
        Cid hash = null;
        String name = null;
        long tsize = -1;
        while (r.hasMore()) {
            long key = r.readVarint();
            if (key == 0x0a && hash == null) {
                hash = Cid.fromBytes(r.readLengthDelimited());
            } else if (key == 0x12 && name == null) {
                name = new String(r.readLengthDelimited(), StandardCharsets.UTF_8);
            } else if (key == 0x18 && tsize < 0) {
                tsize = r.readVarint();
            } else {
                throw new IllegalArgumentException("dag-pb link: unexpected or repeated field key " + key);
            }
        }
        if (hash == null) {
            throw new IllegalArgumentException("dag-pb link without a hash");
        }
        return new Link(hash, name, Math.max(tsize, 0));
    }
}
