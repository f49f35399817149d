package io.enclave.zk;

import io.enclave.testsupport.Toolchain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test circuits from {@code src/test/circom/}, compiled with circom2 and given a small local trusted setup by
 * snarkjs (through {@code src/test/js/zk-oracle.js}), cached under {@code target/zk-fixtures/} keyed by a hash of
 * the circuit, the oracle script and the circomlib/snarkjs versions, so the setup runs once per build folder.
 * The powers of tau are shared between circuits ({@code target/zk-fixtures/ptau/pot<k>_final.ptau}).
 */
public final class ZkFixtures {
    private ZkFixtures() {
    }

    /** The registry folder holding every fixture circuit as {@code <name>/}. */
    public static Path circuitsDir() {
        return Toolchain.buildDir().resolve("zk-fixtures").resolve("circuits");
    }

    /** The folder of a set-up test circuit ({@code circuit.wasm}, {@code circuit.zkey}, {@code verification_key.json}). */
    public static synchronized Path circuit(String name) {
        Path source = Toolchain.projectDir().resolve("src/test/circom").resolve(name + ".circom");
        Path dir = circuitsDir().resolve(name);
        Path stamp = dir.resolve(".fixture-hash");
        try {
            String hash = hash(Files.readAllBytes(source), Files.readAllBytes(oracle()),
                    Files.readAllBytes(Toolchain.npmFile("circomlib/package.json")),
                    Files.readAllBytes(Toolchain.npmFile("snarkjs/package.json")));
            if (Files.exists(stamp) && Files.readString(stamp).equals(hash) && Files.exists(dir.resolve("circuit.zkey"))) {
                return dir;
            }
            deleteRecursively(dir);
            Files.createDirectories(dir);
            node("setup", source.toString(), dir.toString(),
                    Toolchain.buildDir().resolve("zk-fixtures").resolve("ptau").toString());
            Files.writeString(stamp, hash);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path oracle() {
        return Toolchain.projectDir().resolve("src/test/js/zk-oracle.js");
    }

    /** Runs the oracle script and returns its standard output; fails with its standard error. */
    public static String node(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Toolchain.node(), oracle().toString()));
        cmd.addAll(List.of(args));
        try {
            Path err = Files.createTempFile("zk-oracle", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(60, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("zk-oracle " + args[0] + " timed out");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("zk-oracle " + String.join(" ", args) + " failed: " + Files.readString(err));
                }
                return new String(out, StandardCharsets.UTF_8).trim();
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String hash(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
                d.update((byte) 0);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
