package io.enclave.storage.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.storage.Http;
import io.enclave.storage.ipfs.Cid;
import io.enclave.storage.ipfs.KuboStore;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.utils.Numeric;

/**
 * Kills a child JVM (SIGKILL) at each step of a publication, after the step's side effects but before its result is
 * recorded (the worst moment: a kill before a step is the same as a kill after the previous one was recorded), then
 * resumes from the vault and checks the end state on IPFS, on anvil and in the
 * vault: one package, one anchor, one listing, the content key kept, the plaintext wiped.
 */
@ExtendWith({IpfsExtension.class, AnvilExtension.class})
class OutboxCrashIT {
    private static final String PLAINTEXT = "{\"credential\":\"degree\",\"holder\":\"alice\",\"grade\":\"A\"}";

    @ParameterizedTest
    @ValueSource(strings = {"encrypt:effect", "upload:effect", "pin:effect", "arweave:effect", "anchor:effect",
        "list:effect"})
    void aKilledPublicationResumesWithoutDuplicatesOrLoss(String crashAt, IpfsNode ipfs, Anvil anvil,
                                                         @TempDir Path dir) throws Exception {
        String vaultFile = dir.resolve("vault").toString();
        String job = "publish-" + UUID.randomUUID();
        Credentials sender = anvil.account(2);
        BigInteger startNonce = nonce(anvil.web3j(), sender);

        killChildAt(crashAt, vaultFile, job, ipfs, anvil, sender);

        DataSource vault = PublicationFixture.vault(vaultFile);
        Outbox outbox = PublicationFixture.outbox(vault, ipfs.apiUrl(), anvil.web3j(), anvil.chainId(), sender,
                PublicationSteps.noArweaveCopy(), "", System.out);
        JobView interrupted = outbox.job(job).orElseThrow();
        assertThat(interrupted.state()).isEqualTo(JobView.State.PENDING);
        assertThat(interrupted.currentStep()).isEqualTo(crashAt.substring(0, crashAt.indexOf(':')));

        assertThat(outbox.runDue()).isEqualTo(1);

        JobView done = outbox.job(job).orElseThrow();
        assertThat(done.state()).isEqualTo(JobView.State.DONE);
        byte[] key = OutboxQueries.checkpoint(vault, job, PublicationSteps.ENCRYPT, "content-key").orElseThrow();
        byte[] pkg = outbox.result(job, PublicationSteps.ENCRYPT).orElseThrow();
        Cid cid = Cid.fromBytes(outbox.result(job, PublicationSteps.UPLOAD).orElseThrow());
        // IPFS: the package recorded in the vault is the one on IPFS, pinned, and the kept key opens it
        KuboStore kubo = new KuboStore(URI.create(ipfs.apiUrl()), new Http(), Duration.ofSeconds(5));
        assertThat(Cid.raw(pkg)).isEqualTo(cid);
        assertThat(kubo.block(cid, Duration.ofSeconds(5))).isEqualTo(pkg);
        assertThat(kubo.isPinned(cid)).isTrue();
        assertThat(new String(PublicationSteps.open(key, pkg), StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
        // vault: the plaintext is gone
        assertThat(OutboxQueries.input(vault, job)).isEmpty();
        // anvil: exactly two transactions from the sender — one anchor of this CID, one listing of it
        List<Transaction> txs = sentSince(anvil.web3j(), sender, startNonce);
        assertThat(txs).hasSize(2);
        assertThat(Numeric.hexStringToByteArray(txs.get(0).getInput())).isEqualTo(cid.toBytes());
        assertThat(new String(Numeric.hexStringToByteArray(txs.get(1).getInput()), StandardCharsets.ISO_8859_1))
                .startsWith(new String(PublicationFixture.LISTING_PREFIX, StandardCharsets.ISO_8859_1));
        assertThat(new String(outbox.result(job, PublicationSteps.ANCHOR).orElseThrow(), StandardCharsets.US_ASCII))
                .isEqualTo(txs.get(0).getHash());
    }

    private static void killChildAt(String crashAt, String vaultFile, String job, IpfsNode ipfs, Anvil anvil,
                                    Credentials sender) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OutboxCrashChild.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String cfg = new ObjectMapper().createObjectNode().put("vault", vaultFile).put("ipfs", ipfs.apiUrl())
                    .put("rpc", anvil.rpcUrl()).put("chainId", anvil.chainId()).put("job", job).put("crashAt", crashAt)
                    .put("plaintext", PLAINTEXT)
                    .put("key", Numeric.toHexStringWithPrefixZeroPadded(sender.getEcKeyPair().getPrivateKey(), 64))
                    .toString();
            try (OutputStream stdin = child.getOutputStream()) {
                stdin.write((cfg + "\n").getBytes(StandardCharsets.UTF_8));
            }
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("CRASH-POINT") && !line.equals("FINISHED")) {
                // child's own output
            }
            assertThat(line).as("child output").isEqualTo("CRASH-POINT " + crashAt);
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);
        } finally {
            child.destroyForcibly();
        }
        assertThat(Files.exists(Path.of(vaultFile + ".mv.db"))).isTrue();
    }

    private static BigInteger nonce(Web3j web3j, Credentials who) throws Exception {
        return web3j.ethGetTransactionCount(who.getAddress(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
    }

    private static List<Transaction> sentSince(Web3j web3j, Credentials who, BigInteger fromNonce) throws Exception {
        BigInteger latest = web3j.ethBlockNumber().send().getBlockNumber();
        List<Transaction> txs = new java.util.ArrayList<>();
        for (BigInteger b = BigInteger.ZERO; b.compareTo(latest) <= 0; b = b.add(BigInteger.ONE)) {
            EthBlock.Block block = web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameter.valueOf(b),
                    true).send().getBlock();
            for (EthBlock.TransactionResult<?> r : block.getTransactions()) {
                Transaction tx = (Transaction) r.get();
                if (tx.getFrom().equalsIgnoreCase(who.getAddress()) && tx.getNonce().compareTo(fromNonce) >= 0) {
                    txs.add(tx);
                }
            }
        }
        assertThat(nonce(web3j, who)).isEqualTo(fromNonce.add(BigInteger.valueOf(txs.size())));
        return txs;
    }
}
