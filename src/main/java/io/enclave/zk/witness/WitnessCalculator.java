package io.enclave.zk.witness;

import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.CompilerResult;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

/**
 * Runs circom's witness wasm inside the JVM with Chicory (compiled to JVM bytecode: at build time for the shipped
 * circuits, {@link #of}; once per load for any other wasm, {@link #load}), following the
 * ABI of circom's generated {@code witness_calculator.js}: inputs are written 32 bits at a time into the shared
 * read/write memory and set by the FNV-1a 64 hash of their name; the witness is read back the same way.
 * Thread-safe: a calculation takes a wasm instance of its own from a small pool and returns it after success, as
 * circom's {@code witness_calculator.js} reuses its instance ({@code init} resets the circuit state for each
 * witness). Instantiating costs about as much as a fifth of a witness; an instance whose calculation failed part-way
 * is dropped, never reused.
 */
public final class WitnessCalculator {
    private final WasmModule module;
    private final Function<Instance, Machine> machine;
    private final BigInteger prime;
    private final int n32;
    private final int witnessSize;
    private final boolean compiledAtBuildTime;
    private final ConcurrentLinkedDeque<Session> idle = new ConcurrentLinkedDeque<>();
    private final int maxIdle = Math.max(1, Runtime.getRuntime().availableProcessors());

    private WitnessCalculator(WasmModule module, Function<Instance, Machine> machine, boolean compiledAtBuildTime) {
        this.module = module;
        this.machine = machine;
        this.compiledAtBuildTime = compiledAtBuildTime;
        Session s = new Session();
        this.n32 = (int) s.call("getFieldNumLen32");
        s.call("getRawPrime");
        this.prime = s.readShared(n32);
        this.witnessSize = (int) s.call("getWitnessSize");
        idle.offerFirst(s);
    }

    /**
     * Loads a circom witness wasm ({@code circuit.wasm}): parses and compiles it to JVM bytecode, then keeps only a
     * module without the compiled functions' bodies ({@link CompiledOnly}), which is all the compiled instances read.
     * The whole parsed module (~60 MB for the shipped circuits) is garbage once this returns. This uses the compiler's
     * own result type (Chicory's {@code compiler.internal}): its public factory ties the machine to the parsed module
     * it compiled, and keeps it.
     */
    public static WitnessCalculator load(byte[] wasm) {
        try {
            WasmModule whole = Parser.parse(wasm);
            int imports = whole.importSection().count(com.dylibso.chicory.wasm.types.ExternalType.FUNCTION);
            CompilerResult compiled = Compiler.builder(whole).build().compile();
            java.util.Set<Integer> interpreted = new java.util.HashSet<>();
            for (int f : compiled.interpretedFunctions()) {
                interpreted.add(f - imports);
            }
            WasmModule lean = Parser.parse(CompiledOnly.strip(wasm, interpreted));
            return new WitnessCalculator(lean, compiled.machineFactory(), false);
        } catch (ChicoryException | IllegalArgumentException e) {
            throw new WitnessException("not a usable circom witness wasm: " + e.getMessage(), e);
        }
    }

    /**
     * A witness wasm compiled at build time (chicory-compiler-maven-plugin): {@code meta} is the module without the
     * compiled bodies that the plugin wrote beside its classes, {@code machine} creates the generated machine. Nothing is
     * parsed whole or compiled here. The caller makes sure both come from the wasm it means ({@link BuildTimeWitness}).
     */
    public static WitnessCalculator of(WasmModule meta, Function<Instance, Machine> machine) {
        try {
            return new WitnessCalculator(meta, machine, true);
        } catch (ChicoryException e) {
            throw new WitnessException("the build-time compiled witness does not run: " + e.getMessage(), e);
        }
    }

    /** Whether this runs classes compiled at build time ({@link #of}) rather than compiled at load ({@link #load}). */
    public boolean compiledAtBuildTime() {
        return compiledAtBuildTime;
    }

    public BigInteger prime() {
        return prime;
    }

    public int witnessSize() {
        return witnessSize;
    }

    /**
     * Computes the full witness (index 0 is the constant 1, then outputs, public inputs, private inputs, internals).
     *
     * @param inputs signal name → value; a value is a BigInteger, Long/Integer, decimal String, a List or array of
     *               those (any nesting, flattened row-major), or a Map for a bus/sub-component (names joined by ".")
     * @return the witness as plain (non-Montgomery) little-endian limbs, four longs per element
     * @throws WitnessException if a signal is unknown or has the wrong number of values, an input is missing, or a
     *                          circuit assertion fails (the message names the failing template when circom says it)
     */
    public long[] calculate(Map<String, ?> inputs) {
        Map<String, List<BigInteger>> flat = new LinkedHashMap<>();
        InputFlattener.qualify("", inputs, flat, prime);
        Session pooled = idle.pollFirst();
        Session s = pooled != null ? pooled : new Session();
        try {
            s.errors.setLength(0);
            s.call("init", 0);
            int counter = 0;
            for (Map.Entry<String, List<BigInteger>> e : flat.entrySet()) {
                long h = fnv1a64(e.getKey());
                long msb = h >>> 32;
                long lsb = h & 0xffffffffL;
                int size = (int) s.call("getInputSignalSize", msb, lsb);
                if (size <= 0) {
                    throw new WitnessException("the circuit has no input signal \"" + e.getKey() + "\"");
                }
                List<BigInteger> values = e.getValue();
                if (values.size() != size) {
                    throw new WitnessException("input signal \"" + e.getKey() + "\" takes " + size + " value(s), got "
                            + values.size());
                }
                for (int i = 0; i < values.size(); i++) {
                    s.writeShared(values.get(i), n32);
                    s.call("setInputSignal", msb, lsb, i);
                    counter++;
                }
            }
            long expected = s.call("getInputSize");
            if (counter < expected) {
                throw new WitnessException("only " + counter + " of the circuit's " + expected + " input values were given");
            }
            long[] out = new long[4 * witnessSize];
            ExportFunction getWitness = s.instance.export("getWitness");
            ExportFunction read = s.instance.export("readSharedRWMemory");
            for (int i = 0; i < witnessSize; i++) {
                getWitness.apply(i);
                for (int j = 0; j < 8; j++) {
                    long word = j < n32 ? read.apply(j)[0] & 0xffffffffL : 0;
                    out[4 * i + j / 2] |= word << (32 * (j % 2));
                }
            }
            if (idle.size() < maxIdle) {
                idle.offerFirst(s); // only after success: a failed run may leave the instance mid-computation
            }
            return out;
        } catch (CircuitAbort e) {
            throw new WitnessException(e.getMessage());
        } catch (ChicoryException e) {
            throw new WitnessException("the witness wasm failed: " + e.getMessage(), e);
        }
    }

    /** The witness as field elements (convenience for tests and small circuits). */
    public BigInteger[] calculateBig(Map<String, ?> inputs) {
        long[] w = calculate(inputs);
        BigInteger[] out = new BigInteger[witnessSize];
        for (int i = 0; i < witnessSize; i++) {
            out[i] = io.enclave.zk.field.MontField.fromLimbs(w, 4 * i);
        }
        return out;
    }

    /** circom's signal-name hash: FNV-1a 64 over the name's UTF-16 code units (as JavaScript's charCodeAt). */
    static long fnv1a64(String s) {
        long hash = 0xCBF29CE484222325L;
        for (int i = 0; i < s.length(); i++) {
            hash ^= s.charAt(i);
            hash *= 0x100000001B3L;
        }
        return hash;
    }

    /** A circuit's exceptionHandler call, unwound through the wasm back to {@link #calculate}. */
    private static final class CircuitAbort extends RuntimeException {
        CircuitAbort(String message) {
            super(message, null, false, false);
        }
    }

    /** One wasm instance with its runtime imports. */
    private final class Session {
        final Instance instance;
        final StringBuilder errors = new StringBuilder();

        Session() {
            FunctionType i32ToVoid = FunctionType.of(List.of(ValType.I32), List.of());
            FunctionType voidToVoid = FunctionType.of(List.of(), List.of());
            ImportValues imports = ImportValues.builder().addFunction(
                    new HostFunction("runtime", "exceptionHandler", i32ToVoid, (inst, args) -> {
                        throw new CircuitAbort(describe((int) args[0]) + (errors.length() > 0 ? ": " + errors.toString().trim()
                                : ""));
                    }),
                    new HostFunction("runtime", "printErrorMessage", voidToVoid, (inst, args) -> {
                        errors.append(message(inst)).append('\n');
                        return null;
                    }),
                    new HostFunction("runtime", "writeBufferMessage", voidToVoid, (inst, args) -> {
                        message(inst); // circuit log() output: drained and dropped (it may carry private values)
                        return null;
                    }),
                    new HostFunction("runtime", "showSharedRWMemory", voidToVoid, (inst, args) -> null)).build();
            instance = Instance.builder(module).withImportValues(imports).withMachineFactory(machine).build();
        }

        long call(String name, long... args) {
            long[] r = instance.export(name).apply(args);
            return r == null || r.length == 0 ? 0 : r[0];
        }

        BigInteger readShared(int words) {
            BigInteger v = BigInteger.ZERO;
            for (int j = words - 1; j >= 0; j--) {
                v = v.shiftLeft(32).or(BigInteger.valueOf(call("readSharedRWMemory", j) & 0xffffffffL));
            }
            return v;
        }

        void writeShared(BigInteger v, int words) {
            ExportFunction write = instance.export("writeSharedRWMemory");
            for (int j = 0; j < words; j++) {
                write.apply(j, v.shiftRight(32 * j).longValue() & 0xffffffffL);
            }
        }

        private String message(Instance inst) {
            StringBuilder b = new StringBuilder();
            ExportFunction next = inst.export("getMessageChar");
            for (int i = 0; i < 4096; i++) {
                int c = (int) next.apply()[0];
                if (c == 0) {
                    break;
                }
                b.append((char) c);
            }
            return b.toString();
        }
    }

    private static String describe(int code) {
        switch (code) {
            case 1: return "signal not found";
            case 2: return "too many signals set";
            case 3: return "signal already set";
            case 4: return "a circuit assertion failed (the inputs do not satisfy the circuit)";
            case 5: return "the witness wasm ran out of memory";
            case 6: return "input signal array access exceeds its size";
            case 7: return "out of bounds array access";
            default: return "circom runtime error " + code;
        }
    }
}
