package io.enclave.storage.arweave;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A signed format-2 Arweave data transaction (no transfer): what is posted to {@code /tx} and read back from it. */
public record ArweaveTransaction(String id, String lastTx, byte[] owner, Map<String, String> tags, String reward,
                                 long dataSize, byte[] dataRoot, byte[] signature) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ArweaveTransaction {
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** Builds and signs a transaction for {@code data} (tags in order; target empty, quantity 0). */
    public static ArweaveTransaction sign(ArweaveWallet wallet, String lastTx, String reward, Map<String, String> tags,
                                          byte[] data) {
        byte[] root = ArweaveMerkle.build(data).root();
        byte[] owner = wallet.owner();
        byte[] message = DeepHash.of(signatureData(owner, reward, lastTx, tags, data.length, root));
        byte[] signature = wallet.sign(message);
        String id = Base64Url.encode(ArweaveMerkle.sha256().digest(signature));
        return new ArweaveTransaction(id, lastTx, owner, tags, reward, data.length, root, signature);
    }

    private static List<Object> signatureData(byte[] owner, String reward, String lastTx, Map<String, String> tags,
                                              long dataSize, byte[] dataRoot) {
        List<Object> tagList = new ArrayList<>();
        tags.forEach((k, v) -> tagList.add(List.of(utf8(k), utf8(v))));
        return List.of(utf8("2"), owner, new byte[0], utf8("0"), utf8(reward), Base64Url.decode(lastTx), tagList,
                utf8(Long.toString(dataSize)), dataRoot);
    }

    /** True if the id is the hash of the signature and the signature is the owner's over every signed field. */
    public boolean verifies() {
        byte[] idHash = ArweaveMerkle.sha256().digest(signature);
        if (!MessageDigest.isEqual(idHash, Base64Url.decode(id))) {
            return false;
        }
        byte[] message = DeepHash.of(signatureData(owner, reward, lastTx, tags, dataSize, dataRoot));
        return ArweaveWallet.verify(owner, message, signature);
    }

    public String ownerAddress() {
        return Base64Url.encode(ArweaveMerkle.sha256().digest(owner));
    }

    /** The JSON posted to {@code /tx}; {@code inlineData} is the data when it goes in the body, else null. */
    public String toJson(byte[] inlineData) {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", 2).put("id", id).put("last_tx", lastTx).put("owner", Base64Url.encode(owner));
        ArrayNode t = n.putArray("tags");
        tags.forEach((k, v) -> t.addObject().put("name", Base64Url.encode(utf8(k))).put("value", Base64Url.encode(utf8(v))));
        n.put("target", "").put("quantity", "0").put("data", inlineData == null ? "" : Base64Url.encode(inlineData))
                .put("data_size", Long.toString(dataSize)).put("data_root", Base64Url.encode(dataRoot))
                .put("reward", reward).put("signature", Base64Url.encode(signature));
        return n.toString();
    }

    /** Parses the JSON a node answers for {@code GET /tx/<id>}. */
    public static ArweaveTransaction fromJson(JsonNode n) {
        if (n.path("format").asInt() != 2) {
            throw new IllegalArgumentException("not a format 2 transaction");
        }
        if (!n.path("target").asText("").isEmpty() || !"0".equals(n.path("quantity").asText("0"))) {
            throw new IllegalArgumentException("a transfer, not a data transaction");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode t : n.path("tags")) {
            tags.put(new String(Base64Url.decode(t.path("name").asText()), StandardCharsets.UTF_8),
                    new String(Base64Url.decode(t.path("value").asText()), StandardCharsets.UTF_8));
        }
        return new ArweaveTransaction(n.path("id").asText(), n.path("last_tx").asText(),
                Base64Url.decode(n.path("owner").asText()), tags, n.path("reward").asText(),
                Long.parseLong(n.path("data_size").asText("0")), Base64Url.decode(n.path("data_root").asText()),
                Base64Url.decode(n.path("signature").asText()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
