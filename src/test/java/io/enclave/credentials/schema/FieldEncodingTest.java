package io.enclave.credentials.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.testsupport.NodeScript;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldEncodingTest {
    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private static final Attribute INT = new Attribute("n", AttributeEncoding.INTEGER, "", 0, "", true);
    private static final Attribute SIGNED = new Attribute("s", AttributeEncoding.SIGNED_INTEGER, "", 2, "", true);
    private static final Attribute DATE = new Attribute("d", AttributeEncoding.DATE, "", 0, "", true);
    private static final Attribute TEXT = new Attribute("t", AttributeEncoding.STRING, "", 0, "", true);
    private static final Attribute BOOL = new Attribute("b", AttributeEncoding.BOOLEAN, "", 0, "", true);

    @Test
    void integersAreAsIsAndBoundedTo64Bits() throws Exception {
        assertThat(FieldEncoding.encode(INT, N.numberNode(0))).isEqualTo(BigInteger.ZERO);
        assertThat(FieldEncoding.encode(INT, N.numberNode(8250000))).isEqualTo(BigInteger.valueOf(8250000));
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        assertThat(FieldEncoding.encode(INT, N.numberNode(max))).isEqualTo(max);
        assertThatThrownBy(() -> FieldEncoding.encode(INT, N.numberNode(max.add(BigInteger.ONE))))
                .hasMessageContaining("'n'").hasMessageContaining("2^64");
        assertThatThrownBy(() -> FieldEncoding.encode(INT, N.numberNode(-1))).hasMessageContaining("from 0");
        assertThatThrownBy(() -> FieldEncoding.encode(INT, N.numberNode(1.5))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> FieldEncoding.encode(INT, N.textNode("12"))).hasMessageContaining("whole number");
    }

    @Test
    void signedIntegersKeepTheirOrderWithAnOffsetOf2To63() throws Exception {
        BigInteger offset = BigInteger.ONE.shiftLeft(63);
        assertThat(FieldEncoding.encode(SIGNED, N.numberNode(0))).isEqualTo(offset);
        assertThat(FieldEncoding.encode(SIGNED, N.numberNode(-1))).isEqualTo(offset.subtract(BigInteger.ONE));
        assertThat(FieldEncoding.encode(SIGNED, N.numberNode(-5000)))
                .isLessThan(FieldEncoding.encode(SIGNED, N.numberNode(-4999)));
        assertThat(FieldEncoding.encode(SIGNED, N.numberNode(Long.MIN_VALUE))).isEqualTo(BigInteger.ZERO);
        assertThatThrownBy(() -> FieldEncoding.encode(SIGNED, N.numberNode(offset))).hasMessageContaining("2^63");
    }

    @Test
    void datesAreYyyymmddSoThatOrderIsKept() throws Exception {
        assertThat(FieldEncoding.encode(DATE, N.textNode("2024-03-09"))).isEqualTo(BigInteger.valueOf(20240309));
        assertThat(FieldEncoding.encode(DATE, N.textNode("1999-12-31")))
                .isLessThan(FieldEncoding.encode(DATE, N.textNode("2000-01-01")));
        for (String bad : List.of("2023-02-29", "2024-13-01", "2024-3-9", "09/03/2024", "0999-01-01", "")) {
            assertThatThrownBy(() -> FieldEncoding.encode(DATE, N.textNode(bad))).as(bad).isInstanceOf(SchemaException.class)
                    .hasMessageContaining("'d'");
        }
        assertThatThrownBy(() -> FieldEncoding.encode(DATE, N.numberNode(20240309))).hasMessageContaining("yyyy-MM-dd");
    }

    @Test
    void stringsKnownAnswer() throws Exception {
        // keccak256("Acme") = 0x4c5df4…; computed independently by the Node oracle below as well.
        BigInteger acme = new BigInteger(1, org.web3j.crypto.Hash.sha3("Acme".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .mod(FieldEncoding.R);
        assertThat(FieldEncoding.encodeString("Acme")).isEqualTo(acme);
        assertThat(FieldEncoding.encodeString("  Acme\t\n")).isEqualTo(acme);
        assertThat(FieldEncoding.encodeString("\u00a0Acme\u3000")).isEqualTo(acme);
        assertThat(FieldEncoding.encodeString("acme")).isNotEqualTo(acme);
        // "é" precomposed and decomposed encode alike after NFC
        assertThat(FieldEncoding.encodeString("Universit\u00e9")).isEqualTo(FieldEncoding.encodeString("Universite\u0301"));
        assertThat(FieldEncoding.encodeString("x")).isLessThan(FieldEncoding.R);
        assertThatThrownBy(() -> FieldEncoding.encodeString(" \t ")).hasMessageContaining("empty");
    }

    @Test
    void stringsMatchAnIndependentJavaScriptImplementation() throws Exception {
        List<String> texts = List.of("Northwind Robotics", "  Technische Universiteit Delft ", "Universite\u0301 Laval",
                "\u00a0Z\u00fcrich\u2003", "Master of Science - MS", "NL", "\u6771\u4eac\u5927\u5b66", "emoji \ud83d\ude80 ok",
                "\ufeffBOM-led", "line\nbreak inside");
        JsonNode answer = NodeScript.call(NodeScript.resource(FieldEncodingTest.class, "field-encoding-oracle.js"),
                Map.of("texts", texts));
        List<String> java = new ArrayList<>();
        for (String t : texts) {
            java.add(FieldEncoding.encodeString(t).toString());
        }
        List<String> js = new ArrayList<>();
        answer.get("encoded").forEach(e -> js.add(e.asText()));
        assertThat(java).isEqualTo(js);
    }

    @Test
    void booleans() throws Exception {
        assertThat(FieldEncoding.encode(BOOL, N.booleanNode(true))).isEqualTo(BigInteger.ONE);
        assertThat(FieldEncoding.encode(BOOL, N.booleanNode(false))).isEqualTo(BigInteger.ZERO);
        assertThatThrownBy(() -> FieldEncoding.encode(BOOL, N.textNode("yes"))).hasMessageContaining("true or false");
        assertThatThrownBy(() -> FieldEncoding.encode(TEXT, N.nullNode())).hasMessageContaining("no value");
    }

    @Test
    void errorMessagesNeverQuoteTheValue() {
        assertThatThrownBy(() -> FieldEncoding.encode(DATE, N.textNode("1987-02-30")))
                .message().doesNotContain("1987");
        assertThatThrownBy(() -> FieldEncoding.encode(INT, N.numberNode(-987654321)))
                .message().doesNotContain("987654321");
    }
}
