package io.enclave.zk.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The module a witness compiled at load keeps ({@link WitnessCalculator#load}: a test circuit, a new ceremony's circuit in
 * a directory; the shipped ones are compiled at build time): every compiled body stubbed, the interpreted ones kept.
 */
class CompiledOnlyTest {
    private static byte[] rangeWasm() throws IOException {
        try (InputStream in = CompiledOnlyTest.class.getClassLoader()
                .getResourceAsStream("io/enclave/zk/circuits/range/circuit.wasm")) {
            assertThat(in).as("the shipped range circuit").isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void stubsEveryBodyButTheKeptOnesAndKeepsTheRestOfTheModule() throws IOException {
        byte[] wasm = rangeWasm();
        WasmModule whole = Parser.parse(wasm);
        int count = whole.codeSection().functionBodyCount();
        int kept = 0; // the largest body (what Chicory interprets is among the largest)
        for (int i = 1; i < count; i++) {
            if (whole.codeSection().getFunctionBody(i).instructions().size()
                    > whole.codeSection().getFunctionBody(kept).instructions().size()) {
                kept = i;
            }
        }
        WasmModule lean = Parser.parse(CompiledOnly.strip(wasm, Set.of(kept)));

        assertThat(lean.codeSection().functionBodyCount()).isEqualTo(count);
        assertThat(lean.functionSection().functionCount()).isEqualTo(whole.functionSection().functionCount());
        assertThat(lean.exportSection().exportCount()).isEqualTo(whole.exportSection().exportCount());
        assertThat(lean.dataSection().dataSegmentCount()).isEqualTo(whole.dataSection().dataSegmentCount());
        assertThat(lean.codeSection().getFunctionBody(kept).instructions()).extracting(i -> i.opcode() + " " + Arrays.toString(
                i.operands())).isEqualTo(whole.codeSection().getFunctionBody(kept).instructions().stream()
                .map(i -> i.opcode() + " " + Arrays.toString(i.operands())).toList());
        assertThat(whole.codeSection().getFunctionBody(kept).instructions()).hasSizeGreaterThan(2);
        for (int i = 0; i < count; i++) {
            if (i != kept) {
                assertThat(lean.codeSection().getFunctionBody(i).instructions()).hasSizeLessThanOrEqualTo(2);
            }
        }
        assertThat(CompiledOnly.strip(wasm, Set.of()).length).isLessThan(wasm.length / 2);
    }

    @Test
    void aTruncatedBinaryIsRefused() throws IOException {
        byte[] wasm = rangeWasm();
        assertThatThrownBy(() -> CompiledOnly.strip(Arrays.copyOf(wasm, wasm.length - 7), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theShippedRangeCircuitLoadsLeanAtRunTimeToo() throws IOException {
        WitnessCalculator w = WitnessCalculator.load(rangeWasm());
        assertThat(w.compiledAtBuildTime()).isFalse();
        assertThat(w.witnessSize()).isPositive();
        assertThat(w.prime()).isEqualTo(new java.math.BigInteger(
                "21888242871839275222246405745257275088548364400416034343698204186575808495617"));
    }
}
