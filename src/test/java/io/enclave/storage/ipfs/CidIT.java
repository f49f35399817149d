package io.enclave.storage.ipfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.storage.Http;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real js-ipfs daemon is the oracle: the CIDs Enclave computes locally are the ones the node assigns. */
@ExtendWith(IpfsExtension.class)
class CidIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Http http = new Http();

    @Test
    void localCidsMatchTheDaemonForEveryShapeOfFile(IpfsNode ipfs) throws Exception {
        int k = UnixFsImporter.CHUNK_SIZE;
        int[] sizes = {0, 1, 1000, k - 1, k, k + 1, 3 * k + 17, 1 << 20};
        for (int size : sizes) {
            byte[] content = random(size, size);
            assertThat(UnixFsImporter.cidOf(content)).as("size %d", size).isEqualTo(daemonCid(ipfs, content, k));
        }
    }

    @Test
    void multiLevelTreesMatchTheDaemon(IpfsNode ipfs) throws Exception {
        // A small chunker makes a tree deeper than one level (more than 174 leaves) cheap to build.
        int chunk = 256;
        for (int leaves : new int[] {174, 175, 2 * 174 + 3}) {
            byte[] content = random(leaves * chunk - 5, leaves);
            Cid local = UnixFsImporter.build(content, chunk, null);
            assertThat(local).as("%d leaves", leaves).isEqualTo(daemonCid(ipfs, content, chunk));
        }
    }

    @Test
    void daemonBlocksAreTheBlocksComputedLocally(IpfsNode ipfs) throws Exception {
        byte[] content = random(3 * UnixFsImporter.CHUNK_SIZE + 5, 99);
        Map<Cid, byte[]> blocks = new LinkedHashMap<>();
        Cid root = UnixFsImporter.build(content, blocks::put);
        daemonCid(ipfs, content, UnixFsImporter.CHUNK_SIZE);
        KuboStore node = new KuboStore(URI.create(ipfs.apiUrl()), http, Duration.ofSeconds(5));
        assertThat(blocks).hasSize(5);
        for (Map.Entry<Cid, byte[]> e : blocks.entrySet()) {
            assertThat(node.block(e.getKey(), Duration.ofSeconds(5))).isEqualTo(e.getValue());
        }
        DagPb.Node rootNode = DagPb.decode(blocks.get(root));
        assertThat(rootNode.links()).hasSize(4);
        assertThat(UnixFs.decode(rootNode.data()).filesize()).isEqualTo(content.length);
    }

    private Cid daemonCid(IpfsNode ipfs, byte[] content, int chunk) throws Exception {
        Http.Multipart body = new Http.Multipart().file("file", "f", content);
        HttpRequest req = HttpRequest.newBuilder(URI.create(ipfs.apiUrl() + "/api/v0/add?cid-version=1&raw-leaves=true"
                + "&cid-base=base32&only-hash=false&pin=false&chunker=size-" + chunk))
                .header("Content-Type", body.contentType()).POST(body.publisher()).build();
        Http.Response r = http.send(req, Duration.ofSeconds(60), 1 << 20);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        String[] lines = r.text().strip().split("\n");
        return Cid.parse(JSON.readTree(lines[lines.length - 1]).get("Hash").asText());
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
