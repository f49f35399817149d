package io.enclave.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.crypto.Argon2id;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.RpcProxy;
import io.enclave.testsupport.TestContracts;
import io.enclave.testsupport.Toolchain;
import io.enclave.vault.Activity;
import io.enclave.vault.Vault;
import io.enclave.wallet.Account;
import io.enclave.wallet.HdKeys;
import io.enclave.wallet.Mnemonic;
import io.enclave.wallet.UnlockedWallet;
import io.enclave.wallet.Wallets;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/** The wallet's chain client against a real anvil: send, simulate, decode, replace, track. */
@ExtendWith(AnvilExtension.class)
class ChainIT {
    static final BigInteger ETH = BigInteger.TEN.pow(18);
    static final Argon2id.Params FAST = new Argon2id.Params(1024, 1, 1);

    @TempDir
    Path dir;
    Anvil anvil;
    UnlockedWallet wallet;
    String a0;
    String a1;

    @BeforeEach
    void setUp(Anvil anvil) {
        this.anvil = anvil;
        try (Mnemonic m = Mnemonic.parse(Anvil.MNEMONIC.toCharArray())) {
            wallet = Wallets.create(dir.resolve("wallet.json"), "password123".toCharArray(), m, null, FAST);
        }
        a0 = wallet.accounts().get(0).address();
        a1 = wallet.addAccount("Bob").address();
    }

    @AfterEach
    void tearDown() {
        anvil.rpc("evm_setAutomine", true);
        wallet.close();
    }

    Network devnet(Map<String, String> contracts) {
        return new Network("devnet", anvil.chainId(), List.of(anvil.rpcUrl()), "MOCA", 18, 2, contracts);
    }

    TransactionService service(RpcClient rpc, Vault vault, AbiRegistry abis) {
        Humanizer h = Humanizer.of(rpc.network());
        wallet.accounts().forEach(a -> h.label(a.address(), a.label()));
        return new TransactionService(rpc, new AbiDecoder(abis), h, vault.activity());
    }

    @Test
    void anvilsMnemonicDerivesTheTenAccountsAnvilFunds() {
        List<String> accounts = anvil.web3j().ethAccounts().sendAsync().join().getAccounts();
        try (Mnemonic m = Mnemonic.parse(Anvil.MNEMONIC.toCharArray())) {
            var branch = HdKeys.branch(m.toSeed(null));
            for (int i = 0; i < 10; i++) {
                assertThat(HdKeys.address(HdKeys.child(branch, i))).isEqualTo(accounts.get(i).toLowerCase());
            }
        }
    }

    @Test
    void sendsATransferTracksItToConfirmationAndRemembersTheNonce() throws Exception {
        Vault vault = Vault.inMemory(UUID.randomUUID().toString());
        try (RpcClient rpc = new RpcClient(devnet(Map.of())).connect()) {
            TransactionService tx = service(rpc, vault, new AbiRegistry());
            BigInteger before = new Balances(rpc, new AbiRegistry()).nativeBalance(a1);
            PreparedTx p = tx.prepare(TxRequest.transfer(a0, a1, ETH.divide(BigInteger.TWO)));
            assertThat(p.gasLimit()).isEqualTo(BigInteger.valueOf(21000));
            assertThat(p.confirmation().render()).contains("0.5 MOCA").contains("(Bob)").contains("succeeds")
                    .contains("chain 31337").contains("gwei");
            String hash = tx.send(p, wallet.signer(a0));
            anvil.mine(1);
            Activity done = new ReceiptTracker(rpc, vault.activity()).await(hash, java.time.Duration.ofSeconds(30),
                    java.time.Duration.ofMillis(50));
            assertThat(done.status()).isEqualTo(Activity.Status.CONFIRMED);
            assertThat(done.gasUsed()).isEqualTo(BigInteger.valueOf(21000));
            assertThat(new Balances(rpc, new AbiRegistry()).nativeBalance(a1)).isEqualTo(before.add(ETH.divide(BigInteger.TWO)));
            assertThat(tx.nextNonce(a0)).isEqualTo(p.nonce() + 1);
        }
    }

    @Test
    void decodesCustomErrorsWithArgumentsAndRefusesToSendWhatWouldRevert() {
        Path compiled = TestContracts.compile("io/enclave/chain/contracts");
        AbiRegistry abis = new AbiRegistry().addDirectory(compiled);
        Vault vault = Vault.inMemory(UUID.randomUUID().toString());
        String shop;
        try (RpcClient rpc = new RpcClient(devnet(Map.of())).connect()) {
            TransactionService tx = service(rpc, vault, abis);
            PreparedTx deploy = tx.prepare(new TxRequest(a0, null, null, TestContracts.bin(compiled, "TestShop"), null,
                    null, null));
            assertThat(deploy.confirmation().contract()).isEqualTo("new contract");
            String hash = tx.send(deploy, wallet.signer(a0));
            shop = anvil.receipt(hash).getContractAddress();
        }
        try (RpcClient rpc = new RpcClient(devnet(Map.of("TestShop", shop))).connect()) {
            TransactionService tx = service(rpc, vault, abis);
            long deadline = System.currentTimeMillis() / 1000 + 3600;
            String buy = FunctionEncoder.encode(new Function("buy", List.of(new Address(a1), new Uint64(deadline)),
                    List.of()));
            PreparedTx cheap = tx.prepare(TxRequest.call(a0, shop, ETH.divide(BigInteger.TWO), buy));
            assertThat(cheap.willSucceed()).isFalse();
            assertThat(cheap.revert().kind()).isEqualTo(RevertReason.Kind.CUSTOM);
            assertThat(cheap.revert().name()).isEqualTo("PriceTooLow");
            assertThat(cheap.revert().args()).extracting(AbiDecoder.Arg::value)
                    .containsExactly(ETH.divide(BigInteger.TWO), ETH);
            assertThat(cheap.confirmation().simulation())
                    .isEqualTo("TestShop.PriceTooLow(offered: 0.5 MOCA, required: 1 MOCA)");
            long nonce = tx.nextNonce(a0);
            assertThatThrownBy(() -> tx.send(cheap, wallet.signer(a0))).isInstanceOf(ChainException.WouldRevert.class)
                    .hasMessageContaining("PriceTooLow").hasMessageContaining("Nothing was sent");
            assertThat(tx.nextNonce(a0)).isEqualTo(nonce);

            String late = FunctionEncoder.encode(new Function("buy", List.of(new Address(a1), new Uint64(1000)), List.of()));
            RevertReason expired = tx.prepare(TxRequest.call(a0, shop, ETH, late)).revert();
            assertThat(expired.name()).isEqualTo("Expired");
            assertThat(Humanizer.of(rpc.network()).describe(expired))
                    .contains("deadline: 1970-01-01 00:16:40 UTC (1000)").contains("buyer: " + a0);

            String fail = FunctionEncoder.encode(new Function("fail", List.of(new Utf8String("closed today")), List.of()));
            assertThat(tx.prepare(TxRequest.call(a0, shop, null, fail)).revert().describe()).isEqualTo("\"closed today\"");
            String div = FunctionEncoder.encode(new Function("divide", List.of(new Uint256(1), new Uint256(0)), List.of()));
            assertThat(tx.prepare(TxRequest.call(a0, shop, null, div)).revert().describe())
                    .isEqualTo("panic: division by zero");

            PreparedTx ok = tx.prepare(TxRequest.call(a0, shop, ETH, buy));
            Confirmation c = ok.confirmation();
            assertThat(c.contract()).isEqualTo("TestShop");
            assertThat(c.function()).isEqualTo("buy");
            assertThat(c.arguments()).containsExactly(new Confirmation.Line("seller", a1 + " (Bob)"),
                    new Confirmation.Line("deadline", Humanizer.date(deadline) + " (" + deadline + ")"));
            assertThat(c.value()).isEqualTo("1 MOCA");
            assertThat(c.willSucceed()).isTrue();
            // automine mines in the background: the balance is read once the purchase is in a block
            assertThat(anvil.receipt(tx.send(ok, wallet.signer(a0))).isStatusOK()).isTrue();
            assertThat(new Balances(rpc, abis).all(a1)).contains(new Balances.Holding("TestShop", "withdrawable", ETH));
        }
    }

    @Test
    void aTransactionThatRevertsOnChainIsReportedWithItsDecodedReason() throws Exception {
        Path compiled = TestContracts.compile("io/enclave/chain/contracts");
        AbiRegistry abis = new AbiRegistry().addDirectory(compiled);
        Vault vault = Vault.inMemory(UUID.randomUUID().toString());
        String shop;
        try (RpcClient rpc = new RpcClient(devnet(Map.of())).connect()) {
            TransactionService tx = service(rpc, vault, abis);
            String hash = tx.send(tx.prepare(new TxRequest(a0, null, null, TestContracts.bin(compiled, "TestShop"), null,
                    null, null)), wallet.signer(a0));
            // The receipt can lag the send by a moment on a busy machine: poll for it.
            shop = new org.web3j.tx.response.PollingTransactionReceiptProcessor(anvil.web3j(), 100, 100)
                    .waitForTransactionReceipt(hash).getContractAddress();
        }
        try (RpcClient rpc = new RpcClient(devnet(Map.of("TestShop", shop))).connect()) {
            TransactionService tx = service(rpc, vault, abis);
            Humanizer h = Humanizer.of(rpc.network()).label(a1, "Bob");
            anvil.rpc("evm_setAutomine", false);
            String buy = FunctionEncoder.encode(new Function("buy", List.of(new Address(a0),
                    new Uint64(System.currentTimeMillis() / 1000 + 3600)), List.of()));
            PreparedTx purchase = tx.prepare(TxRequest.call(a0, shop, ETH, buy));
            assertThat(purchase.willSucceed()).isTrue();
            // Bob closes the shop, paying more, so his transaction is mined first in the same block
            String close = FunctionEncoder.encode(new Function("close", List.of(), List.of()));
            tx.send(tx.prepare(TxRequest.call(a1, shop, null, close).withFee(new Fees.Fee(BigInteger.valueOf(100_000_000_000L),
                    BigInteger.valueOf(50_000_000_000L)))), wallet.signer(a1));
            String bought = tx.send(purchase, wallet.signer(a0));
            anvil.mine(2);
            new ReceiptTracker(rpc, vault.activity(), new AbiDecoder(abis), h).refresh();
            Activity failed = vault.activity().find(bought).orElseThrow();
            assertThat(failed.status()).isEqualTo(Activity.Status.FAILED);
            assertThat(failed.error()).contains("TestShop.ShopClosed(owner: " + a1 + " (Bob))");
        }
    }

    @Test
    void speedUpReplacesAStuckTransaction() throws Exception {
        Vault vault = Vault.inMemory(UUID.randomUUID().toString());
        anvil.rpc("evm_setAutomine", false);
        try (RpcClient rpc = new RpcClient(devnet(Map.of())).connect()) {
            TransactionService tx = service(rpc, vault, new AbiRegistry());
            String slow = tx.send(tx.prepare(TxRequest.transfer(a0, a1, ETH).withSpeed(Fees.Speed.SLOW)), wallet.signer(a0));
            String fast = tx.speedUp(slow, wallet.signer(a0));
            Activity replacement = vault.activity().find(fast).orElseThrow();
            Activity original = vault.activity().find(slow).orElseThrow();
            assertThat(replacement.nonce()).isEqualTo(original.nonce());
            assertThat(replacement.maxFee()).isGreaterThanOrEqualTo(original.maxFee().multiply(BigInteger.valueOf(9))
                    .divide(BigInteger.valueOf(8)));
            anvil.mine(2);
            ReceiptTracker tracker = new ReceiptTracker(rpc, vault.activity());
            tracker.refresh();
            assertThat(vault.activity().find(fast).orElseThrow().status()).isEqualTo(Activity.Status.CONFIRMED);
            assertThat(vault.activity().find(slow).orElseThrow().status()).isEqualTo(Activity.Status.REPLACED);
            assertThatThrownBy(() -> tx.speedUp(slow, wallet.signer(a0))).hasMessageContaining("not pending");
        }
    }

    @Test
    void cancelReplacesAPendingTransferWithANoOp() throws Exception {
        Vault vault = Vault.inMemory(UUID.randomUUID().toString());
        anvil.rpc("evm_setAutomine", false);
        try (RpcClient rpc = new RpcClient(devnet(Map.of())).connect()) {
            TransactionService tx = service(rpc, vault, new AbiRegistry());
            Balances balances = new Balances(rpc, new AbiRegistry());
            BigInteger bobBefore = balances.nativeBalance(a1);
            String sent = tx.send(tx.prepare(TxRequest.transfer(a0, a1, ETH)), wallet.signer(a0));
            String cancel = tx.cancel(sent, wallet.signer(a0));
            anvil.mine(2);
            new ReceiptTracker(rpc, vault.activity()).refresh();
            assertThat(vault.activity().find(cancel).orElseThrow().status()).isEqualTo(Activity.Status.CONFIRMED);
            assertThat(vault.activity().find(sent).orElseThrow().status()).isEqualTo(Activity.Status.REPLACED);
            assertThat(balances.nativeBalance(a1)).isEqualTo(bobBefore);
        }
    }

    @Test
    void refusesToSignForAnotherChain() {
        Network wrong = devnet(Map.of()).withChainId(2288);
        try (RpcClient rpc = new RpcClient(wrong)) {
            assertThatThrownBy(rpc::connect).isInstanceOf(ChainException.ChainIdMismatch.class)
                    .hasMessageContaining("serves chain id 31337").hasMessageContaining("refusing to sign");
            Vault vault = Vault.inMemory(UUID.randomUUID().toString());
            TransactionService tx = service(rpc, vault, new AbiRegistry());
            assertThatThrownBy(() -> tx.prepare(TxRequest.transfer(a0, a1, ETH)))
                    .isInstanceOf(ChainException.ChainIdMismatch.class);
        }
    }

    @Test
    void failsOverToTheNextRpcUrl() {
        String dead = "http://127.0.0.1:" + Toolchain.freePort();
        try (RpcClient rpc = new RpcClient(devnet(Map.of()).withRpcUrls(List.of(dead, anvil.rpcUrl()))).connect()) {
            assertThat(rpc.activeUrl()).isEqualTo(anvil.rpcUrl());
            assertThat(new Balances(rpc, new AbiRegistry()).nativeBalance(a0)).isPositive();
        }
        try (RpcClient rpc = new RpcClient(devnet(Map.of()).withRpcUrls(List.of(dead)))) {
            assertThatThrownBy(rpc::connect).hasMessageContaining("No RPC endpoint").hasMessageContaining(dead);
        }
    }

    /**
     * A node can count a transaction in the account's nonce a moment before it serves the transaction's receipt
     * (anvil stores the state before the block's receipts). The tracker must not call such a transaction dropped:
     * the proxy hides a mined transfer's receipt and record for a second, and the tracker still ends CONFIRMED.
     */
    @Test
    void aReceiptThatLagsTheNonceIsNotADrop() throws Exception {
        Vault vault = Vault.inMemory(UUID.randomUUID().toString());
        try (RpcProxy proxy = new RpcProxy(anvil.rpcUrl());
             RpcClient rpc = new RpcClient(new Network("devnet", anvil.chainId(), List.of(proxy.url()), "MOCA", 18, 2,
                     Map.of())).connect()) {
            TransactionService tx = service(rpc, vault, new AbiRegistry());
            String hash = tx.send(tx.prepare(TxRequest.transfer(a0, a1, ETH)), wallet.signer(a0));
            anvil.receipt(hash);
            anvil.mine(2);
            proxy.hide(hash, Duration.ofSeconds(1));
            List<Activity> changed = new ReceiptTracker(rpc, vault.activity()).refresh();
            assertThat(changed).extracting(Activity::status).containsExactly(Activity.Status.CONFIRMED);
        }
    }

    /** A transaction whose nonce another transaction (signed outside this wallet) used is reported dropped. */
    @Test
    void aTransactionWhoseNonceAnotherTransactionUsedIsDropped() throws Exception {
        anvil.rpc("evm_setAutomine", false);
        Vault vault = Vault.inMemory(UUID.randomUUID().toString());
        try (RpcClient rpc = new RpcClient(devnet(Map.of())).connect()) {
            TransactionService tx = service(rpc, vault, new AbiRegistry());
            PreparedTx mine = tx.prepare(TxRequest.transfer(a0, a1, ETH));
            String hash = tx.send(mine, wallet.signer(a0));
            anvil.rpc("anvil_dropTransaction", hash);
            RawTransaction other = RawTransaction.createEtherTransaction(anvil.chainId(), BigInteger.valueOf(mine.nonce()),
                    BigInteger.valueOf(21000), a1, BigInteger.TWO, mine.fee().maxPriorityFeePerGas(), mine.fee().maxFeePerGas());
            String elsewhere = Numeric.toHexString(TransactionEncoder.signMessage(other, anvil.account(0)));
            assertThat(anvil.web3j().ethSendRawTransaction(elsewhere).send().hasError()).isFalse();
            anvil.mine(2);
            List<Activity> changed = new ReceiptTracker(rpc, vault.activity()).refresh();
            assertThat(changed).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo(Activity.Status.DROPPED);
                assertThat(a.error()).contains("nonce " + mine.nonce() + " was used by a transaction this wallet did not record");
            });
        }
    }

    @Test
    void aRestartWithAPendingTransactionResumesTracking() throws Exception {
        anvil.rpc("evm_setAutomine", false);
        String hash;
        long nonce;
        Path vaultDir = dir.resolve("vault");
        try (RpcClient rpc = new RpcClient(devnet(Map.of())).connect()) {
            TransactionService tx = service(rpc, Vault.open(vaultDir, wallet.deriveVaultKey()), new AbiRegistry());
            PreparedTx p = tx.prepare(TxRequest.transfer(a0, a1, ETH));
            nonce = p.nonce();
            hash = tx.send(p, wallet.signer(a0));
        }
        // the node forgets the transaction (as after a node restart) while the app is closed
        anvil.rpc("anvil_dropTransaction", hash);
        assertThat(anvil.web3j().ethGetTransactionByHash(hash).send().getTransaction()).isEmpty();

        Vault reopened = Vault.open(vaultDir, wallet.deriveVaultKey());
        try (RpcClient rpc = new RpcClient(devnet(Map.of())).connect()) {
            TransactionService tx = service(rpc, reopened, new AbiRegistry());
            assertThat(tx.nextNonce(a0)).isEqualTo(nonce + 1);
            ReceiptTracker tracker = new ReceiptTracker(rpc, reopened.activity());
            assertThat(tracker.refresh()).isEmpty();
            assertThat(anvil.web3j().ethGetTransactionByHash(hash).send().getTransaction()).isPresent();
            anvil.mine(2);
            assertThat(tracker.refresh()).extracting(Activity::status).containsExactly(Activity.Status.CONFIRMED);
            assertThat(anvil.web3j().ethGetTransactionCount(a0, DefaultBlockParameterName.LATEST).send()
                    .getTransactionCount().longValue()).isEqualTo(nonce + 1);
        }
    }

    @Test
    void accountsLabelledInTheWalletAppearByName() {
        Account bob = wallet.account(a1).orElseThrow();
        assertThat(bob.label()).isEqualTo("Bob");
        assertThat(bob.path()).isEqualTo("m/44'/60'/0'/0/1");
    }
}
