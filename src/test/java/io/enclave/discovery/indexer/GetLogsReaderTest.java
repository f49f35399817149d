package io.enclave.discovery.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming eth_getLogs parser on answers shaped like a node's (anvil's, geth's) and on broken ones. */
class GetLogsReaderTest {
    private static final String LOG = "{\"address\":\"0x5FbDB2315678afecb367f032d93F642f64180aa3\","
            + "\"topics\":[\"0xAB\",\"0x01\"],\"data\":\"0x00ff\",\"blockHash\":\"0xBBCC\",\"blockNumber\":\"0x1a\","
            + "\"blockTimestamp\":\"0x6560\",\"transactionHash\":\"0xDd\",\"transactionIndex\":\"0x0\",\"logIndex\":\"0x2\","
            + "\"removed\":false,\"extra\":{\"nested\":[1,2,{\"x\":null}]}}";

    private static List<RawLog> parse(String json) throws Exception {
        return GetLogsReader.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsLogsLowerCasedAndSkipsRemovedOnesAndUnknownFields() throws Exception {
        String removed = LOG.replace("\"removed\":false", "\"removed\":true");
        List<RawLog> logs = parse("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[" + LOG + "," + removed + ","
                + LOG.replace("0x2", "0x3").replace("\"data\":\"0x00ff\"", "\"data\":null") + "]}");
        assertThat(logs).containsExactly(
                new RawLog("0x5fbdb2315678afecb367f032d93f642f64180aa3", List.of("0xab", "0x01"), "0x00ff", 26, "0xbbcc",
                        "0xdd", 2),
                new RawLog("0x5fbdb2315678afecb367f032d93f642f64180aa3", List.of("0xab", "0x01"), "0x", 26, "0xbbcc",
                        "0xdd", 3));
        assertThat(parse("{\"id\":1,\"result\":[],\"jsonrpc\":\"2.0\"}")).isEmpty();
    }

    @Test
    void aJsonRpcErrorIsReportedWithItsMessage() {
        assertThatThrownBy(() -> parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32005,"
                + "\"message\":\"query returned more than 10000 results\",\"data\":{\"x\":1}}}"))
                .isInstanceOf(GetLogsReader.RpcError.class).hasMessageContaining("more than 10000 results")
                .hasMessageContaining("-32005");
    }

    @Test
    void brokenAnswersAreMalformedNotEmpty() {
        List<String> broken = List.of(
                "",
                "[]",
                "{\"id\":1}",
                "{\"id\":1,\"result\":null}",
                "{\"id\":1,\"result\":[" + LOG.replace("\"blockHash\":\"0xBBCC\",", "") + "]}",
                "{\"id\":1,\"result\":[" + LOG.replace("\"logIndex\":\"0x2\"", "\"logIndex\":\"2\"") + "]}",
                "{\"id\":1,\"result\":[" + LOG.replace("\"blockNumber\":\"0x1a\"", "\"blockNumber\":\"0xzz\"") + "]}",
                "{\"id\":1,\"result\":[" + LOG.replace("\"blockNumber\":\"0x1a\"", "\"blockNumber\":null") + "]}",
                "{\"id\":1,\"result\":[" + LOG + ",");
        for (String json : broken) {
            assertThatThrownBy(() -> parse(json)).as(json).isInstanceOf(GetLogsReader.MalformedAnswer.class)
                    .hasMessageContaining("Malformed eth_getLogs answer");
        }
    }
}
