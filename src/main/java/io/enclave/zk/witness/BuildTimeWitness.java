package io.enclave.zk.witness;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import io.enclave.zk.witness.compiled.EqualityWitness;
import io.enclave.zk.witness.compiled.MembershipWitness;
import io.enclave.zk.witness.compiled.RangeWitness;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The shipped circuits' witness wasm compiled to JVM bytecode at build time: chicory-compiler-maven-plugin (pom.xml)
 * generates {@code io.enclave.zk.witness.compiled.<Name>Witness} per circuit from the staged {@code circuit.wasm}, with
 * a meta wasm (the module without the compiled bodies); build/zk/witness-classes.js records beside it the SHA-256 of
 * the wasm it was compiled from. A circuit is only run through its class when the wasm it is asked for has that hash:
 * a class compiled from another wasm would compute another circuit's witness.
 */
public final class BuildTimeWitness {
    private static final Map<String, Compiled> SHIPPED = Map.of(
            "range", new Compiled(RangeWitness.class, RangeWitness::load, RangeWitness::create),
            "equality", new Compiled(EqualityWitness.class, EqualityWitness::load, EqualityWitness::create),
            "membership", new Compiled(MembershipWitness.class, MembershipWitness::load, MembershipWitness::create));

    /** One generated class: its meta wasm, its machine factory, and where the build recorded its wasm's hash. */
    private record Compiled(Class<?> owner, Supplier<WasmModule> meta, Function<Instance, Machine> machine) {
        String compiledFrom() {
            String resource = owner.getSimpleName() + ".wasm.sha256";
            try (InputStream in = owner.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("this build has no " + resource + " beside " + owner.getName()
                            + ": rebuild (mvn compile) so build/zk/witness-classes.js records it");
                }
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }

    private BuildTimeWitness() {
    }

    /** Whether circuit {@code id} has a class compiled at build time (whatever wasm it was compiled from). */
    public static boolean has(String id) {
        return SHIPPED.containsKey(id);
    }

    /**
     * The witness calculator of circuit {@code id}'s {@code wasm}: through its build-time class when that class was
     * compiled from exactly these bytes, else by compiling the wasm now ({@link WitnessCalculator#load}).
     *
     * @param shipped whether the wasm comes from the same build as the classes (the class path): then a class compiled
     *                from other bytes means a stale or mixed build, and is refused rather than compiled around
     * @throws StaleWitnessClassException if {@code shipped} and the class was compiled from another wasm
     */
    public static WitnessCalculator load(String id, byte[] wasm, boolean shipped) {
        Compiled compiled = SHIPPED.get(id);
        if (compiled == null) {
            return WitnessCalculator.load(wasm);
        }
        String recorded = compiled.compiledFrom();
        String actual = sha256(wasm);
        if (!recorded.equals(actual)) {
            if (shipped) {
                throw new StaleWitnessClassException("circuit " + id + ": its build-time witness class "
                        + compiled.owner().getName() + " was compiled from a wasm with SHA-256 " + recorded
                        + ", but the circuit.wasm beside it has " + actual + ". The build is stale or mixed: rebuild it (delete "
                        + "target/generated-resources/chicory-witness, then mvn compile compiles the classes anew).");
            }
            return WitnessCalculator.load(wasm); // another circuit under a shipped id (a directory of a new ceremony)
        }
        return WitnessCalculator.of(compiled.meta().get(), compiled.machine());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** A build-time witness class that was not compiled from the wasm shipped beside it. */
    public static final class StaleWitnessClassException extends IllegalStateException {
        public StaleWitnessClassException(String message) {
            super(message);
        }
    }
}
