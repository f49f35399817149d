package io.enclave.storage.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known answers for the CID building blocks; the js-ipfs daemon is the oracle for whole files in {@code CidIT}. */
class CidTest {

    @Test
    void rawCidsOfKnownContent() {
        // Published CIDv1 raw identifiers of the empty string and of "hello world".
        assertThat(Cid.raw(new byte[0])).hasToString("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
        assertThat(Cid.raw("hello world".getBytes(StandardCharsets.US_ASCII)))
                .hasToString("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
    }

    @Test
    void cidRoundTripsThroughTextAndBytes() {
        Cid cid = Cid.raw("x".getBytes(StandardCharsets.US_ASCII));
        assertThat(Cid.parse(cid.toString())).isEqualTo(cid);
        assertThat(Cid.fromBytes(cid.toBytes())).isEqualTo(cid);
        assertThat(HexFormat.of().formatHex(cid.toBytes())).startsWith("01551220");
        assertThat(Cid.parse(cid.toString().toUpperCase().replaceFirst("^B", "b"))).isEqualTo(cid);
    }

    @Test
    void varintsMatchTheMultiformatsExamples() {
        assertThat(Varint.encode(1)).containsExactly(0x01);
        assertThat(Varint.encode(127)).containsExactly(0x7f);
        assertThat(Varint.encode(128)).containsExactly(0x80, 0x01);
        assertThat(Varint.encode(255)).containsExactly(0xff, 0x01);
        assertThat(Varint.encode(300)).containsExactly(0xac, 0x02);
        assertThat(Varint.encode(16384)).containsExactly(0x80, 0x80, 0x01);
        assertThat(new Varint.Reader(new byte[] {(byte) 0xac, 0x02}).readVarint()).isEqualTo(300);
        assertThat(Varint.size(16384)).isEqualTo(3);
    }

    @Test
    void base32MatchesRfc4648Vectors() {
        String[][] vectors = {{"", ""}, {"f", "my"}, {"fo", "mzxq"}, {"foo", "mzxw6"}, {"foob", "mzxw6yq"},
            {"fooba", "mzxw6ytb"}, {"foobar", "mzxw6ytboi"}};
        for (String[] v : vectors) {
            assertThat(Base32.encode(v[0].getBytes(StandardCharsets.US_ASCII))).isEqualTo(v[1]);
            assertThat(new String(Base32.decode(v[1]), StandardCharsets.US_ASCII)).isEqualTo(v[0]);
        }
    }

    @Test
    void malformedCidsAreRefusedWithAReason() {
        String good = Cid.raw(new byte[] {1}).toString();
        assertThatThrownBy(() -> Cid.parse("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"))
                .hasMessageContaining("CIDv0");
        assertThatThrownBy(() -> Cid.parse("z" + good.substring(1))).hasMessageContaining("base32");
        assertThatThrownBy(() -> Cid.parse(good.substring(0, good.length() - 3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cid.parse(good + "aa")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cid.parse("b1!")).hasMessageContaining("base32 character");
        assertThatThrownBy(() -> Cid.parse("")).hasMessageContaining("empty");
        // a CID naming another hash function (sha2-512, 0x13)
        byte[] sha512 = new byte[4 + 64];
        sha512[0] = 1;
        sha512[1] = 0x55;
        sha512[2] = 0x13;
        sha512[3] = 0x40;
        assertThatThrownBy(() -> Cid.fromBytes(sha512)).hasMessageContaining("sha2-256");
        byte[] dagCbor = Cid.raw(new byte[0]).toBytes();
        dagCbor[1] = 0x71;
        assertThatThrownBy(() -> Cid.fromBytes(dagCbor)).hasMessageContaining("codec");
    }

    @Test
    void nonMinimalAndOverlongVarintsAreRefused() {
        assertThatThrownBy(() -> new Varint.Reader(new byte[] {(byte) 0x81, 0x00}).readVarint())
                .hasMessageContaining("non-minimal");
        assertThatThrownBy(() -> new Varint.Reader(new byte[] {(byte) 0x80}).readVarint())
                .hasMessageContaining("truncated");
        byte[] eleven = new byte[11];
        java.util.Arrays.fill(eleven, (byte) 0xff);
        assertThatThrownBy(() -> new Varint.Reader(eleven).readVarint()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dagPbNodesRoundTripAndRejectGarbage() {
        Cid child = Cid.raw(new byte[] {7});
        byte[] data = UnixFs.encode(new UnixFs.Data(UnixFs.TYPE_FILE, null, 1, java.util.List.of(1L)));
        DagPb.Node node = new DagPb.Node(java.util.List.of(new DagPb.Link(child, "", 1)), data);
        byte[] block = DagPb.encode(node);
        DagPb.Node back = DagPb.decode(block);
        assertThat(back.links()).containsExactly(new DagPb.Link(child, "", 1));
        assertThat(UnixFs.decode(back.data()).blocksizes()).containsExactly(1L);
        assertThatThrownBy(() -> DagPb.decode(java.util.Arrays.copyOf(block, block.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DagPb.decode(new byte[] {0x1a, 0x00})).hasMessageContaining("unexpected field");
    }
}
