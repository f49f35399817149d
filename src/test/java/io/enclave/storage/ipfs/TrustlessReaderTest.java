package io.enclave.storage.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.storage.BlockSource;
import io.enclave.storage.EndpointHealth;
import io.enclave.storage.IntegrityException;
import io.enclave.storage.StorageException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DAGs an attacker can build with perfectly valid hashes but lying structure: the reader must refuse them. The blocks
 * live in memory; the network cases are in {@code RedundantStorageIT}.
 */
class TrustlessReaderTest {
    private final Map<Cid, byte[]> blocks = new HashMap<>();
    private final BlockSource memory = new BlockSource() {
        @Override
        public String name() {
            return "memory";
        }

        @Override
        public byte[] block(Cid cid, Duration timeout) {
            byte[] b = blocks.get(cid);
            if (b == null) {
                throw new StorageException("no block " + cid);
            }
            return b.clone();
        }
    };

    private TrustlessReader reader(long max) {
        return new TrustlessReader(List.of(memory), new EndpointHealth(), Duration.ofSeconds(1), max);
    }

    @Test
    void readsWhatTheImporterBuilt() {
        byte[] content = new byte[600_000];
        new Random(1).nextBytes(content);
        Cid root = UnixFsImporter.build(content, blocks::put);
        assertThat(reader(1 << 20).read(root)).isEqualTo(content);
    }

    @Test
    void refusesANodeWhoseSizesLie() {
        Cid a = put(Cid.raw(new byte[] {1, 2, 3}), new byte[] {1, 2, 3});
        Cid liar = node(List.of(new DagPb.Link(a, "", 3)), 5, List.of(3L));
        assertThatThrownBy(() -> reader(100).read(liar)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("declares 5 bytes");
        Cid liar2 = node(List.of(new DagPb.Link(a, "", 3)), 4, List.of(4L));
        assertThatThrownBy(() -> reader(100).read(liar2)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("parent says 4");
    }

    @Test
    void refusesContentBeyondTheLimitAndNonFileNodes() {
        byte[] content = new byte[300_000];
        Cid root = UnixFsImporter.build(content, blocks::put);
        assertThatThrownBy(() -> reader(100_000).read(root)).hasMessageContaining("limit");
        byte[] dir = DagPb.encode(new DagPb.Node(List.of(), UnixFs.encode(new UnixFs.Data(1, null, -1, List.of()))));
        Cid dirCid = put(new Cid(Cid.DAG_PB, Multihash.sha256Of(dir)), dir);
        assertThatThrownBy(() -> reader(100).read(dirCid)).hasMessageContaining("not a file");
        byte[] junk = {0x42, 0x42};
        Cid junkCid = put(new Cid(Cid.DAG_PB, Multihash.sha256Of(junk)), junk);
        assertThatThrownBy(() -> reader(100).read(junkCid)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("not a UnixFS file node");
    }

    @Test
    void refusesADagThatIsTooDeep() {
        Cid cid = put(Cid.raw(new byte[] {1}), new byte[] {1});
        for (int i = 0; i < 20; i++) {
            cid = node(List.of(new DagPb.Link(cid, "", 1)), 1, List.of(1L));
        }
        Cid top = cid;
        assertThatThrownBy(() -> reader(100).read(top)).hasMessageContaining("deeper than");
    }

    private Cid node(List<DagPb.Link> links, long filesize, List<Long> sizes) {
        byte[] b = DagPb.encode(new DagPb.Node(links, UnixFs.encode(new UnixFs.Data(UnixFs.TYPE_FILE, null, filesize,
                sizes))));
        return put(new Cid(Cid.DAG_PB, Multihash.sha256Of(b)), b);
    }

    private Cid put(Cid cid, byte[] b) {
        blocks.put(cid, b);
        return cid;
    }
}
