package io.enclave.discovery.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetadataParseTest {
    static MetadataFetcher.Metadata parse(String json) {
        return MetadataFetcher.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesAValidDocument() {
        var m = parse("{\"title\":\"T\",\"description\":\"D\",\"tags\":[\" a \",\"b\"],\"type\":\"Education\","
                + "\"issuer\":\"0x00000000000000000000000000000000000000C1\",\"extra\":1}");
        assertThat(m.title()).isEqualTo("T");
        assertThat(m.tags()).containsExactly("a", "b");
        assertThat(m.type()).isEqualTo("education");
        assertThat(m.issuer()).isEqualTo("0x00000000000000000000000000000000000000c1");
    }

    @Test
    void theWalletsListingDocumentIsTypedByItsSchema() {
        var m = parse("{\"type\":\"EnclaveListingMetadata\",\"version\":1,\"title\":\"T\","
                + "\"schema\":\"urn:enclave:schema:financial:1\"}");
        assertThat(m.type()).isEqualTo("financial");
        var odd = parse("{\"type\":\"EnclaveListingMetadata\",\"title\":\"T\",\"schema\":\"urn:other:x\"}");
        assertThat(odd.type()).isEqualTo("enclavelistingmetadata");
    }

    @Test
    void refusesMalformedDocuments() {
        for (String bad : new String[] {"", "[]", "nope", "{}", "{\"title\":1}", "{\"title\":\"" + "x".repeat(201) + "\"}",
            "{\"title\":\"t\",\"tags\":\"a\"}", "{\"title\":\"t\",\"tags\":[1]}", "{\"title\":\"t\",\"type\":\"a b\"}",
            "{\"title\":\"t\",\"issuer\":\"0x1\"}", "{\"title\":\"a\\u0000b\"}"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void sha256IsHexWithPrefix() {
        assertThat(MetadataFetcher.sha256Hex(new byte[0]))
                .isEqualTo("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
