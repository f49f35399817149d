package io.enclave.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * snarkjs and circomlibjs as the test oracle for the zero-knowledge code (never used at run time).
 * <ul>
 *   <li>{@link #attest} runs {@code build/zk/attest.js}: signed attestation inputs (BabyJubJub key, EdDSA-Poseidon,
 *       Poseidon, Merkle path), snarkjs full proofs and verification. Requests go in on stdin, so keys and
 *       witnesses never touch a file or a command line. A request may be a JSON array: one Node.js start for all.</li>
 *   <li>{@link #verifyWithCli} runs {@code node node_modules/snarkjs/cli.js groth16 verify} on the staged
 *       verification key, exactly as a third party would.</li>
 * </ul>
 * The circuits are loaded from the build's class path folder ({@code target/classes/io/enclave/zk/circuits}),
 * so run the tests after {@code process-resources} (any {@code mvn verify} does).
 */
public final class Snarkjs {
    public static final List<String> CIRCUITS = List.of("range", "equality", "membership");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 300;

    private Snarkjs() {
    }

    public static ObjectMapper json() {
        return JSON;
    }

    /** The folder holding {@code circuit.wasm}, {@code circuit.zkey} and {@code verification_key.json}. */
    public static Path circuitDir(String circuit) {
        if (!CIRCUITS.contains(circuit)) {
            throw new IllegalArgumentException("unknown circuit " + circuit + ": one of " + CIRCUITS);
        }
        Path dir = Toolchain.buildDir().resolve("classes/io/enclave/zk/circuits").resolve(circuit);
        if (!Files.isRegularFile(dir.resolve("circuit.zkey"))) {
            throw new IllegalStateException(dir + " has no circuit.zkey: run mvn process-resources (or verify) first");
        }
        return dir;
    }

    /**
     * Runs {@code node build/zk/attest.js <command>} with {@code request} (an object or an array of objects) on stdin
     * and returns its JSON answer. Commands: input, prove, verify, pubkey, context, merkle (see the script's header).
     */
    public static JsonNode attest(String command, JsonNode request) {
        List<String> cmd = List.of(Toolchain.node(), Toolchain.projectDir().resolve("build/zk/attest.js").toString(),
                command, "--build", Toolchain.buildDir().toString());
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request is not serialisable: " + e.getMessage(), e);
        }
        Result r = run(cmd, body);
        if (r.exit != 0) {
            throw new IllegalStateException("attest.js " + command + " failed (exit " + r.exit + "): " + r.stderr);
        }
        try {
            return JSON.readTree(r.stdout);
        } catch (IOException e) {
            throw new IllegalStateException("attest.js " + command + " printed no JSON: " + r.stdout + r.stderr, e);
        }
    }

    /** {@link #attest} for several requests in one Node.js process; the answers come back in the same order. */
    public static List<JsonNode> attestAll(String command, List<? extends JsonNode> requests) {
        ArrayNode array = JSON.createArrayNode();
        requests.forEach(array::add);
        JsonNode answer = attest(command, array);
        List<JsonNode> out = new ArrayList<>();
        answer.forEach(out::add);
        return out;
    }

    /** {@code snarkjs groth16 verify} through the CLI: true when it prints OK and exits 0. */
    public static boolean verifyWithCli(String circuit, JsonNode proof, JsonNode publicSignals) {
        Path vkey = circuitDir(circuit).resolve("verification_key.json");
        Path dir = null;
        try {
            // Proofs and public signals are public data: temp files are fine here.
            dir = Files.createTempDirectory(Toolchain.buildDir(), "snarkjs-verify");
            Path proofFile = dir.resolve("proof.json");
            Path publicFile = dir.resolve("public.json");
            JSON.writeValue(proofFile.toFile(), proof);
            JSON.writeValue(publicFile.toFile(), publicSignals);
            Result r = run(List.of(Toolchain.node(), Toolchain.npmFile("snarkjs/cli.js").toString(), "groth16", "verify",
                    vkey.toString(), publicFile.toString(), proofFile.toString()), new byte[0]);
            boolean ok = r.stdout.contains("OK!");
            if (ok != (r.exit == 0)) {
                throw new IllegalStateException("snarkjs verify gave exit " + r.exit + " with output: " + r.stdout + r.stderr);
            }
            return ok;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover folder of public data under target/ is harmless
        }
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private static Result run(List<String> command, byte[] stdin) {
        try {
            Process p = new ProcessBuilder(command).directory(Toolchain.projectDir().toFile()).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0) + " (is Node.js 20+ on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
