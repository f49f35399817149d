package io.enclave.discovery.indexer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@code eth_getLogs} read with Jackson's streaming parser straight into {@link RawLog}s: a 100,000-log answer is
 * never held as a JSON tree or as web3j {@code Log} objects. A JSON-RPC error comes back as {@link RpcError}; fields of
 * a log this indexer does not use are skipped, unknown ones too.
 */
final class GetLogsReader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final OkHttpClient http;
    private final String url;
    private final AtomicLong ids = new AtomicLong();

    GetLogsReader(OkHttpClient http, String url) {
        this.http = http;
        this.url = url;
    }

    /** The node's answer is not a JSON-RPC answer of logs. */
    static final class MalformedAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The node answered with a JSON-RPC error. */
    static final class RpcError extends Exception {
        private static final long serialVersionUID = 1L;

        RpcError(String message) {
            super(message);
        }
    }

    /** Logs of blocks {@code from..to} of {@code addresses} whose topic 0 is one of {@code topics}; removed logs skipped. */
    List<RawLog> logs(long from, long to, List<String> addresses, List<String> topics) throws IOException, RpcError {
        Request request = new Request.Builder().url(url).post(RequestBody.create(body(from, to, addresses, topics),
                JSON_TYPE)).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful() && response.code() != 400 && response.code() != 413) {
                throw new IOException("HTTP " + response.code() + " from the node for eth_getLogs");
            }
            try (InputStream in = response.body().byteStream()) {
                return parse(in);
            }
        }
    }

    private byte[] body(long from, long to, List<String> addresses, List<String> topics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 70 * (addresses.size() + topics.size()));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("jsonrpc", "2.0");
            g.writeStringField("method", "eth_getLogs");
            g.writeArrayFieldStart("params");
            g.writeStartObject();
            g.writeStringField("fromBlock", "0x" + Long.toHexString(from));
            g.writeStringField("toBlock", "0x" + Long.toHexString(to));
            g.writeArrayFieldStart("address");
            for (String a : addresses) {
                g.writeString(a);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("topics");
            g.writeStartArray();
            for (String t : topics) {
                g.writeString(t);
            }
            g.writeEndArray();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeNumberField("id", ids.incrementAndGet());
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Parses a JSON-RPC answer whose result is an array of logs. */
    static List<RawLog> parse(InputStream in) throws IOException, RpcError {
        try {
            return parseAnswer(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MalformedAnswer("Malformed eth_getLogs answer: " + e.getOriginalMessage(), e);
        }
    }

    private static List<RawLog> parseAnswer(InputStream in) throws IOException, RpcError {
        try (JsonParser p = JSON.createParser(in)) {
            expect(p.nextToken() == JsonToken.START_OBJECT, "a JSON-RPC answer is not an object");
            List<RawLog> logs = null;
            String error = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("result") && t == JsonToken.START_ARRAY) {
                    logs = new ArrayList<>();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        RawLog l = log(p);
                        if (l != null) {
                            logs.add(l);
                        }
                    }
                } else if (field.equals("error") && t == JsonToken.START_OBJECT) {
                    error = error(p);
                } else {
                    p.skipChildren();
                }
            }
            if (error != null) {
                throw new RpcError(error);
            }
            expect(logs != null, "the eth_getLogs answer has no result array");
            return logs;
        }
    }

    private static String error(JsonParser p) throws IOException {
        String message = null;
        String code = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            if (f.equals("message")) {
                message = p.getValueAsString();
            } else if (f.equals("code")) {
                code = p.getValueAsString();
            } else {
                p.skipChildren();
            }
        }
        return (message == null ? "error" : message) + (code == null ? "" : " (code " + code + ")");
    }

    /** One log object (the parser on its START_OBJECT); null for a log marked removed. */
    private static RawLog log(JsonParser p) throws IOException {
        String address = null;
        List<String> topics = null;
        String data = "0x";
        long block = -1;
        String blockHash = null;
        String tx = null;
        long index = -1;
        boolean removed = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
                case "address" -> address = lower(p.getText());
                case "topics" -> {
                    expect(t == JsonToken.START_ARRAY, "a log's topics are not an array");
                    topics = new ArrayList<>(4);
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        topics.add(lower(p.getText()));
                    }
                }
                case "data" -> data = t == JsonToken.VALUE_NULL ? "0x" : p.getText();
                case "blockNumber" -> block = quantity(p);
                case "blockHash" -> blockHash = lower(p.getText());
                case "transactionHash" -> tx = lower(p.getText());
                case "logIndex" -> index = quantity(p);
                case "removed" -> removed = t == JsonToken.VALUE_TRUE;
                default -> p.skipChildren();
            }
        }
        if (removed) {
            return null;
        }
        expect(address != null && topics != null && block >= 0 && blockHash != null && tx != null && index >= 0
                && index <= Integer.MAX_VALUE, "a log in the eth_getLogs answer lacks a field the indexer needs"
                + " (address, topics, blockNumber, blockHash, transactionHash, logIndex): is it a pending log?");
        return new RawLog(address, topics, data, block, blockHash, tx, (int) index);
    }

    private static long quantity(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return -1;
        }
        String s = p.getText();
        expect(s.startsWith("0x") && s.length() > 2 && s.length() <= 18, "not a hex quantity: " + s);
        try {
            return Long.parseUnsignedLong(s, 2, s.length(), 16);
        } catch (NumberFormatException e) {
            throw new MalformedAnswer("Malformed eth_getLogs answer: not a hex quantity: " + s, e);
        }
    }

    /** Lower-cases hex; the usual all-lower-case input is returned as is. */
    private static String lower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                return s.toLowerCase(Locale.ROOT);
            }
        }
        return s;
    }

    private static void expect(boolean ok, String message) throws IOException {
        if (!ok) {
            throw new MalformedAnswer("Malformed eth_getLogs answer: " + message, null);
        }
    }
}
