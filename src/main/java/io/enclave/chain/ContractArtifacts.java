package io.enclave.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The compiled contracts the build packs into the jar ({@code io/enclave/contracts/<Name>.abi|.bin} and the index
 * {@code contracts.json}): bytecode for the deployer, ABIs for the revert decoder.
 */
public final class ContractArtifacts {
    private static final String BASE = "/io/enclave/contracts/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile ContractArtifacts bundled;

    private final Map<String, Boolean> deployable;

    private ContractArtifacts(Map<String, Boolean> deployable) {
        this.deployable = deployable;
    }

    /** The contracts packed with this build. */
    public static ContractArtifacts bundled() {
        ContractArtifacts a = bundled;
        if (a == null) {
            JsonNode index;
            try {
                index = JSON.readTree(read("contracts.json")).path("contracts");
            } catch (IOException e) {
                throw new UncheckedIOException("Unreadable contracts.json in the build", e);
            }
            Map<String, Boolean> names = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = index.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                names.put(e.getKey(), e.getValue().path("deployable").asBoolean(false));
            }
            a = new ContractArtifacts(names);
            bundled = a;
        }
        return a;
    }

    /** Every compiled contract name, sorted. */
    public List<String> names() {
        return new ArrayList<>(deployable.keySet());
    }

    /** Deployable contracts whose name ends with {@code suffix}, sorted (e.g. every {@code *Verifier}). */
    public List<String> deployableEndingWith(String suffix) {
        List<String> out = new ArrayList<>();
        deployable.forEach((name, d) -> {
            if (d && name.endsWith(suffix)) {
                out.add(name);
            }
        });
        return out;
    }

    /** The contract's ABI as JSON text. */
    public String abi(String name) {
        requireKnown(name);
        return read(name + ".abi");
    }

    /** The contract's creation bytecode, hex without 0x. */
    public String bytecode(String name) {
        requireKnown(name);
        return read(name + ".bin").trim();
    }

    private void requireKnown(String name) {
        if (!deployable.containsKey(name)) {
            throw new IllegalArgumentException("No compiled contract named " + name + " in this build; known: " + names());
        }
    }

    private static String read(String file) {
        try (InputStream in = ContractArtifacts.class.getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + BASE + file + " on the class path: the build compiles the contracts"
                        + " (mvn generate-resources) before they can be used");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + BASE + file, e);
        }
    }
}
