package io.enclave.credentials.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 8785 behaviour, with the RFC's own sorting example (section 3.2.3). */
class CanonicalJsonTest {

    private static String canon(String json) throws Exception {
        return new String(CanonicalJson.canonicalize(json), StandardCharsets.UTF_8);
    }

    @Test
    void sortsMembersByUtf16CodeUnitsAsInTheRfcExample() throws Exception {
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertThat(canon(input)).isEqualTo(expected);
    }

    @Test
    void removesWhitespaceAndEscapesLikeJsonStringify() throws Exception {
        assertThat(canon("{ \"b\" : [ 1 , true , null ] ,\n \"a\" : \"x\\u0001\\u001f\\n\\\"\\\\/\u00e9\" }"))
                .isEqualTo("{\"a\":\"x\\u0001\\u001f\\n\\\"\\\\/\u00e9\",\"b\":[1,true,null]}");
    }

    @Test
    void nestedObjectsAreSortedAndIntegersAreExact() throws Exception {
        assertThat(canon("{\"z\":{\"b\":2,\"a\":1},\"a\":[{\"y\":1,\"x\":-9007199254740991}],\"n\":1.0E2}"))
                .isEqualTo("{\"a\":[{\"x\":-9007199254740991,\"y\":1}],\"n\":100,\"z\":{\"a\":1,\"b\":2}}");
    }

    @Test
    void refusesNumbersItCannotReproduceExactly() {
        assertThatThrownBy(() -> canon("{\"price\":1.5}")).hasMessageContaining("$.price").hasMessageContaining("string");
        assertThatThrownBy(() -> canon("{\"v\":[9007199254740992]}")).hasMessageContaining("$.v[0]");
    }

    @Test
    void equalDocumentsHaveEqualBytesWhateverTheirLayout() throws Exception {
        assertThat(canon("{\"a\":1,\"b\":{\"c\":\"d\"}}")).isEqualTo(canon("{\n  \"b\": {\"c\": \"d\"},\n  \"a\": 1\n}"));
    }
}
