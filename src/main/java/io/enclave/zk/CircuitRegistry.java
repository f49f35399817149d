package io.enclave.zk;

import io.enclave.zk.groth16.MalformedProofDataException;
import io.enclave.zk.groth16.ProvingKey;
import io.enclave.zk.groth16.VerifyingKey;
import io.enclave.zk.witness.WitnessCalculator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Finds and caches circuits by id. Each circuit is a folder {@code <id>/} holding {@code circuit.wasm},
 * {@code circuit.zkey} and {@code verification_key.json}: on the class path under {@code io/enclave/zk/circuits/}
 * (the app), or under a directory (tests, or keys from a deployment's own ceremony).
 */
public final class CircuitRegistry {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final String CLASS_PATH_ROOT = "io/enclave/zk/circuits/";

    private final Path directory;
    private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();
    private final Map<String, VerifyingKey> verifyingKeys = new ConcurrentHashMap<>();

    private CircuitRegistry(Path directory) {
        this.directory = directory;
    }

    /** Circuits shipped in the application (class path {@code io/enclave/zk/circuits/<id>/}). */
    public static CircuitRegistry classPath() {
        return new CircuitRegistry(null);
    }

    /** Circuits in {@code <directory>/<id>/}. */
    public static CircuitRegistry directory(Path directory) {
        return new CircuitRegistry(directory);
    }

    /** The full circuit (for proving); loaded once, then cached. */
    public Circuit circuit(String id) {
        checkId(id);
        return circuits.computeIfAbsent(id, k -> new Circuit(k, WitnessCalculator.load(read(k, "circuit.wasm")),
                ProvingKey.read(read(k, "circuit.zkey")), verifyingKey(k)));
    }

    /** Only the verifying key (cheap: what a buyer needs). */
    public VerifyingKey verifyingKey(String id) {
        checkId(id);
        return verifyingKeys.computeIfAbsent(id, k -> {
            try {
                return VerifyingKey.fromJson(new String(read(k, "verification_key.json"), StandardCharsets.UTF_8));
            } catch (MalformedProofDataException e) {
                throw new MalformedProofDataException("circuit " + k + ": " + e.getMessage());
            }
        });
    }

    private byte[] read(String id, String file) {
        try {
            if (directory != null) {
                Path p = directory.resolve(id).resolve(file);
                if (!Files.isRegularFile(p)) {
                    throw new UnknownCircuitException("circuit \"" + id + "\" has no " + file + " in " + directory.resolve(id));
                }
                return Files.readAllBytes(p);
            }
            String resource = CLASS_PATH_ROOT + id + "/" + file;
            try (InputStream in = CircuitRegistry.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new UnknownCircuitException("circuit \"" + id + "\" is not in this build (no class-path resource "
                            + resource + ")");
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " of circuit " + id, e);
        }
    }

    private static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new UnknownCircuitException("\"" + id + "\" is not a circuit id (lower-case letters, digits, - and _)");
        }
    }

    /** No circuit by that id (or a file of it is missing). */
    public static final class UnknownCircuitException extends IllegalArgumentException {
        public UnknownCircuitException(String message) {
            super(message);
        }
    }
}
