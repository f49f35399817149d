package io.enclave.discovery;

import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.Toolchain;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.FastRawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * A deployed {@code MarketEventsFixture} (src/test/solidity/discovery): emits the real contracts' events on anvil, in
 * bulk and with arbitrary arguments, for the volume, reorg and crash tests.
 * The contract is compiled with the project's solcjs on first use (cached under the build folder).
 */
public final class MarketFixture {
    private static final BigInteger TIP = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger MAX_FEE = BigInteger.valueOf(50_000_000_000L);
    private final Anvil anvil;
    private final FastRawTransactionManager tx;
    private final PollingTransactionReceiptProcessor receipts;
    private final String address;
    private String lastHash;

    private MarketFixture(Anvil anvil, FastRawTransactionManager tx, PollingTransactionReceiptProcessor receipts,
            String address) {
        this.anvil = anvil;
        this.tx = tx;
        this.receipts = receipts;
        this.address = address;
    }

    public static synchronized String bytecode() throws IOException, InterruptedException {
        Path out = Toolchain.buildDir().resolve("test-contracts");
        Path bin = out.resolve("MarketEventsFixture.bin");
        // The fixture imports contracts/src/... : compile it from a folder that links the project's contracts.
        Path src = Toolchain.buildDir().resolve("test-contracts-src");
        Files.createDirectories(src);
        Files.copy(Toolchain.projectDir().resolve("src/test/solidity/discovery/MarketEventsFixture.sol"),
                src.resolve("MarketEventsFixture.sol"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path link = src.resolve("contracts");
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, Toolchain.projectDir().resolve("contracts").toAbsolutePath());
        }
        Process p = new ProcessBuilder(Toolchain.node(), Toolchain.projectDir().resolve("build/compile-contracts.js").toString(),
                src.toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(bin)) {
            throw new IllegalStateException("Compiling MarketEventsFixture.sol failed: " + log);
        }
        return Files.readString(bin).trim();
    }

    public static MarketFixture deploy(Anvil anvil, int account) throws Exception {
        FastRawTransactionManager tx = new FastRawTransactionManager(anvil.web3j(), anvil.account(account), anvil.chainId());
        var receipts = new PollingTransactionReceiptProcessor(anvil.web3j(), 20, 500);
        EthSendTransaction sent = tx.sendEIP1559Transaction(anvil.chainId(), TIP, MAX_FEE, BigInteger.valueOf(3_000_000),
                "", "0x" + bytecode(), BigInteger.ZERO);
        if (sent.hasError()) {
            throw new IllegalStateException("deploy: " + sent.getError().getMessage());
        }
        TransactionReceipt r = receipts.waitForTransactionReceipt(sent.getTransactionHash());
        return new MarketFixture(anvil, tx, receipts, r.getContractAddress().toLowerCase(Locale.ROOT));
    }

    /** After the chain was reverted: take the next nonce from the node again. */
    public void resetNonce() throws IOException {
        tx.resetNonce();
    }

    public String address() {
        return address;
    }

    /** The fixture under every contract name the indexer knows: it emits all their events. */
    public java.util.Map<String, String> asContracts() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String name : io.enclave.discovery.indexer.EventMappings.CONTRACTS) {
            m.put(name, address);
        }
        return m;
    }

    public static Bytes32 b32(String hex) {
        return new Bytes32(Numeric.hexStringToByteArray(hex));
    }

    public static String digestOf(String text) {
        return Hash.sha3String(text);
    }

    private static Uint256 u(long v) {
        return new Uint256(v);
    }

    private static Uint256 u(BigInteger v) {
        return new Uint256(v);
    }

    /** Sends a call (without waiting for its receipt: anvil mines it at once, in order). */
    public String send(String function, Type<?>... args) throws IOException {
        String data = FunctionEncoder.encode(new Function(function, Arrays.asList(args), List.of()));
        EthSendTransaction sent = tx.sendEIP1559Transaction(anvil.chainId(), TIP, MAX_FEE, BigInteger.valueOf(20_000_000),
                address, data, BigInteger.ZERO);
        if (sent.hasError()) {
            throw new IllegalStateException(function + ": " + sent.getError().getMessage());
        }
        lastHash = sent.getTransactionHash();
        return lastHash;
    }

    /** Waits until the last sent transaction is mined. */
    public TransactionReceipt sync() throws Exception {
        TransactionReceipt r = receipts.waitForTransactionReceipt(lastHash);
        if (!r.isStatusOK()) {
            throw new IllegalStateException("transaction " + lastHash + " reverted");
        }
        return r;
    }

    public String anchor(String credentialHash, String holder, String issuer) throws IOException {
        return send("anchor", b32(credentialHash), new Address(holder), new Address(issuer));
    }

    public static String credentialOf(long listingId) {
        return Hash.sha3String("credential-" + listingId);
    }

    public String list(long id, String seller, BigInteger price, String digest) throws IOException {
        return send("list", u(id), new Address(seller), b32(credentialOf(id)), u(price), b32(digest));
    }

    public String listMany(long first, long count, String seller, String digest) throws IOException {
        return send("listMany", u(first), u(count), new Address(seller), b32(digest));
    }

    public String updatePrice(long id, BigInteger price) throws IOException {
        return send("updatePrice", u(id), u(price));
    }

    public String remove(long id) throws IOException {
        return send("remove", u(id));
    }

    public String purchase(long purchaseId, long listingId, String buyer, BigInteger price) throws IOException {
        return send("purchase", u(purchaseId), u(listingId), new Address(buyer), u(price));
    }

    public String deliver(long purchaseId, String seller, BigInteger price) throws IOException {
        return send("deliver", u(purchaseId), new Address(seller), u(price));
    }

    public String refund(long purchaseId, String buyer, BigInteger amount) throws IOException {
        return send("refund", u(purchaseId), new Address(buyer), u(amount));
    }

    public String dispute(long purchaseId, String buyer, String evidence) throws IOException {
        return send("dispute", u(purchaseId), new Address(buyer), b32(evidence));
    }

    public String vouch(String voucher, String vouchee, BigInteger amount) throws IOException {
        return send("vouch", new Address(voucher), new Address(vouchee), u(amount));
    }

    public String slash(String vouchee, BigInteger amount) throws IOException {
        return send("slash", new Address(vouchee), u(amount));
    }

    public String registerIssuer(String issuer, long issuerId, int royaltyBps) throws IOException {
        return send("registerIssuer", new Address(issuer), new org.web3j.abi.datatypes.generated.Uint32(issuerId),
                new org.web3j.abi.datatypes.generated.Uint16(royaltyBps));
    }

    public String removeIssuer(String issuer) throws IOException {
        return send("removeIssuer", new Address(issuer));
    }

    public String unrelated(long value) throws IOException {
        return send("unrelated", u(value));
    }
}
