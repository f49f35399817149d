package io.enclave.zk.circuits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.Snarkjs;
import io.enclave.testsupport.Toolchain;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * The Solidity verifiers exported from the committed zkeys (contracts/src/zk) accept snarkjs proofs on anvil and
 * reject tampered proofs, tampered public signals and non-canonical field elements.
 */
@ExtendWith(AnvilExtension.class)
class SolidityVerifierIT {
    private static final Map<String, String> CONTRACTS = Map.of(
            "range", "RangeVerifier", "equality", "EqualityVerifier", "membership", "MembershipVerifier");
    private static final Map<String, JsonNode> PROOFS = new HashMap<>();

    @BeforeAll
    static void prove() {
        List<String> circuits = List.of("range", "equality", "membership");
        List<JsonNode> results = Snarkjs.attestAll("prove", List.of(Attestations.range(42, 18, 65),
                Attestations.equality(840, 840), Attestations.membership(1000, 256)));
        for (int i = 0; i < circuits.size(); i++) {
            JsonNode r = results.get(i);
            assertThat(r.get("ok").asBoolean()).as(circuits.get(i) + ": " + r.path("error").asText()).isTrue();
            PROOFS.put(circuits.get(i), r);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "equality", "membership"})
    void verifierAcceptsTheProofAndRejectsEveryTamperedCopy(String circuit, Anvil anvil) throws Exception {
        String verifier = deploy(anvil, CONTRACTS.get(circuit));
        JsonNode r = PROOFS.get(circuit);
        List<BigInteger> words = calldataWords(r.get("proof"), r.get("publicSignals"));
        int nPublic = r.get("publicSignals").size();

        assertThat(call(anvil, verifier, nPublic, words)).as("honest proof").isTrue();
        // eth_estimateGas is useless here: a verifier starved of gas returns false instead of reverting. A mined
        // transaction with room to spare shows the real cost (base 21,000 and calldata included).
        System.out.printf("%s verifyProof gas used in a transaction: %s%n", CONTRACTS.get(circuit),
                send(anvil, verifier, encode(nPublic, words), 1_000_000).getGasUsed());

        for (int i = 0; i < words.size(); i++) {
            final int index = i;
            assertThat(call(anvil, verifier, nPublic, replace(words, index, w -> w.add(BigInteger.ONE))))
                    .as("word %d + 1", index).isFalse();
        }
        // A public signal plus r is the same field element: the verifier must refuse the non-canonical encoding.
        int firstPublic = 8;
        assertThat(call(anvil, verifier, nPublic, replace(words, firstPublic, w -> w.add(Attestations.R))))
                .as("public signal + r").isFalse();
    }

    private static List<BigInteger> replace(List<BigInteger> words, int index, UnaryOperator<BigInteger> f) {
        List<BigInteger> copy = new ArrayList<>(words);
        copy.set(index, f.apply(copy.get(index)));
        return copy;
    }

    /** pA, pB (each G2 coordinate as [c1, c0], the EVM precompile's order), pC, then the public signals. */
    static List<BigInteger> calldataWords(JsonNode proof, JsonNode publicSignals) {
        List<BigInteger> w = new ArrayList<>();
        w.add(big(proof.get("pi_a").get(0)));
        w.add(big(proof.get("pi_a").get(1)));
        for (int i = 0; i < 2; i++) {
            w.add(big(proof.get("pi_b").get(i).get(1)));
            w.add(big(proof.get("pi_b").get(i).get(0)));
        }
        w.add(big(proof.get("pi_c").get(0)));
        w.add(big(proof.get("pi_c").get(1)));
        publicSignals.forEach(s -> w.add(big(s)));
        return w;
    }

    private static BigInteger big(JsonNode n) {
        return new BigInteger(n.asText());
    }

    /** All arguments are static arrays of uint256, so the ABI encoding is the selector and the words in order. */
    private static String encode(int nPublic, List<BigInteger> words) {
        String signature = "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[" + nPublic + "])";
        StringBuilder data = new StringBuilder(Hash.sha3String(signature).substring(0, 10));
        for (BigInteger word : words) {
            data.append(Numeric.toHexStringNoPrefixZeroPadded(word, 64));
        }
        return data.toString();
    }

    private static boolean call(Anvil anvil, String verifier, int nPublic, List<BigInteger> words) throws Exception {
        EthCall result = anvil.web3j().ethCall(Transaction.createEthCallTransaction(anvil.account(0).getAddress(), verifier,
                encode(nPublic, words)), DefaultBlockParameterName.LATEST).send();
        assertThat(result.isReverted()).as("verifyProof reverted: %s", result.getRevertReason()).isFalse();
        BigInteger value = Numeric.toBigInt(result.getValue());
        assertThat(value).isIn(BigInteger.ZERO, BigInteger.ONE);
        return value.equals(BigInteger.ONE);
    }

    private static String deploy(Anvil anvil, String contract) throws Exception {
        Path bin = Toolchain.buildDir().resolve("contracts").resolve(contract + ".bin");
        assertThat(bin).as("compiled verifier (mvn generate-sources)").exists();
        TransactionReceipt receipt = send(anvil, "", "0x" + Files.readString(bin).trim(), 3_000_000);
        assertThat(receipt.getContractAddress()).as("deployed " + contract).isNotNull();
        return receipt.getContractAddress();
    }

    private static TransactionReceipt send(Anvil anvil, String to, String data, long gasLimit) throws Exception {
        RawTransactionManager tm = new RawTransactionManager(anvil.web3j(), anvil.account(0), anvil.chainId());
        var sent = tm.sendEIP1559Transaction(anvil.chainId(), BigInteger.valueOf(1_000_000_000L),
                BigInteger.valueOf(10_000_000_000L), BigInteger.valueOf(gasLimit), to, data, BigInteger.ZERO);
        assertThat(sent.hasError()).as("transaction to '%s': %s", to, sent.getError() == null ? "" : sent.getError().getMessage())
                .isFalse();
        TransactionReceipt receipt = new PollingTransactionReceiptProcessor(anvil.web3j(), 100, 50)
                .waitForTransactionReceipt(sent.getTransactionHash());
        assertThat(receipt.isStatusOK()).as("transaction to '%s' mined with status %s", to, receipt.getStatus()).isTrue();
        return receipt;
    }
}
