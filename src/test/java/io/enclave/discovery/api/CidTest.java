package io.enclave.discovery.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidTest {
    /** Known answer: the CIDv1 raw of the empty block (sha-256 e3b0c442...) as Kubo prints it. */
    @Test
    void emptyBlockMatchesKubo() {
        assertThat(Cid.rawSha256("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
                .isEqualTo("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    }

    @Test
    void rejectsAnythingButA32ByteDigest() {
        assertThatThrownBy(() -> Cid.rawSha256("0x1234")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cid.rawSha256("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
