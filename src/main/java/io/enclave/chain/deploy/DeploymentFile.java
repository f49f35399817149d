package io.enclave.chain.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The deployment file: contract addresses per chain id, so that deployments to a testnet or mainnet are repeatable
 * and a broken-off deployment resumes where it stopped. Layout:
 * {@code {"version":1,"chains":{"31337":{"deployer":"0x..","complete":true,"contracts":{"EnclaveTimelock":"0x..",..}}}}}.
 * Every change is written at once, atomically (temp file, then rename).
 */
public final class DeploymentFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;
    private final ObjectNode root;

    private DeploymentFile(Path path, ObjectNode root) {
        this.path = path;
        this.root = root;
    }

    /** Opens the file, or starts an empty one if it does not exist yet. */
    public static DeploymentFile open(Path path) {
        if (!Files.exists(path)) {
            ObjectNode root = JSON.createObjectNode();
            root.put("version", 1);
            root.putObject("chains");
            return new DeploymentFile(path, root);
        }
        try {
            JsonNode node = JSON.readTree(path.toFile());
            if (!(node instanceof ObjectNode obj) || node.path("version").asInt() != 1 || !node.path("chains").isObject()) {
                throw new IllegalStateException(path + " is not an Enclave deployment file (version 1 with \"chains\")."
                        + " Move it away or pass another --deployment path.");
            }
            return new DeploymentFile(path, obj);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the deployment file " + path + ": " + e.getMessage()
                    + ". Fix or move it; it is never overwritten when unreadable.", e);
        }
    }

    public Path path() {
        return path;
    }

    /** The address recorded for {@code name} on {@code chainId}. */
    public Optional<String> address(long chainId, String name) {
        JsonNode n = chain(chainId).path("contracts").path(name);
        return n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
    }

    /** Every contract recorded on {@code chainId}, in the order they were deployed. */
    public Map<String, String> contracts(long chainId) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = chain(chainId).path("contracts").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    public boolean complete(long chainId) {
        return chain(chainId).path("complete").asBoolean(false);
    }

    /** Records an address and saves. */
    public void record(long chainId, String deployer, String name, String address) {
        ObjectNode chain = chainForWrite(chainId, deployer);
        chain.withObjectProperty("contracts").put(name, address);
        save();
    }

    /** Marks the chain's deployment complete and saves. */
    public void markComplete(long chainId, String deployer) {
        chainForWrite(chainId, deployer).put("complete", true);
        save();
    }

    private JsonNode chain(long chainId) {
        return root.path("chains").path(Long.toString(chainId));
    }

    private ObjectNode chainForWrite(long chainId, String deployer) {
        ObjectNode chains = root.withObjectProperty("chains");
        ObjectNode chain = chains.withObjectProperty(Long.toString(chainId));
        if (!chain.has("deployer")) {
            chain.put("deployer", deployer);
            chain.put("complete", false);
        }
        return chain;
    }

    private void save() {
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
            JSON.writeValue(tmp.toFile(), root);
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the deployment file " + path
                    + ": the contracts deployed so far are listed in the log; fix the path and run again", e);
        }
    }
}
