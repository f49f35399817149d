package io.enclave.storage.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.storage.Http;
import io.enclave.storage.ipfs.Cid;
import io.enclave.storage.ipfs.KuboStore;
import io.enclave.storage.arweave.ArweaveClient;
import io.enclave.storage.arweave.ArweaveWallet;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.Arlocal;
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
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * vault: one package, one Arweave copy (on arlocal), one anchor, one listing, the content key kept, the plaintext
 * wiped — in the encrypted vault the app uses.
 */
@ExtendWith({IpfsExtension.class, AnvilExtension.class})
class OutboxCrashIT {
    private static final String PLAINTEXT = "{\"credential\":\"degree\",\"holder\":\"alice\",\"grade\":\"A\"}";
    private static Arlocal arlocal;
    private static ArweaveWallet arweaveWallet;

    @BeforeAll
    static void startArlocal() {
        arlocal = Arlocal.start();
        arweaveWallet = ArweaveWallet.generate(4096);
        arlocal.get("mint/" + arweaveWallet.address() + "/1000000000000000000");
    }

    @AfterAll
    static void stopArlocal() {
        if (arlocal != null) {
            arlocal.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"encrypt:effect", "upload:effect", "pin:effect", "arweave:effect", "anchor:effect",
        "list:effect"})
    void aKilledPublicationResumesWithoutDuplicatesOrLoss(String crashAt, IpfsNode ipfs, Anvil anvil,
                                                         @TempDir Path dir) throws Exception {
        String vaultFile = dir.toString();
        String job = "publish-" + UUID.randomUUID();
        Credentials sender = anvil.account(2);
        BigInteger startNonce = nonce(anvil.web3j(), sender);

        killChildAt(crashAt, vaultFile, job, ipfs, anvil, sender);

        DataSource vault = PublicationFixture.vault(vaultFile);
        Outbox outbox = PublicationFixture.outbox(vault, ipfs.apiUrl(), anvil.web3j(), anvil.chainId(), sender,
                PublicationFixture.arweave(arlocal.url().toString(), arweaveWallet.toJwk(), job), "", System.out);
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
        // vault: the plaintext is gone, and the file never held it in the clear
        assertThat(OutboxQueries.input(vault, job)).isEmpty();
        assertThat(new String(Files.readAllBytes(dir.resolve("vault.mv.db")), StandardCharsets.ISO_8859_1))
                .doesNotContain(PLAINTEXT);
        // Arweave: exactly one transaction for this job, holding the package recorded in the vault
        String arweaveId = new String(outbox.result(job, PublicationSteps.ARWEAVE).orElseThrow(),
                StandardCharsets.US_ASCII);
        arlocal.get("mine");
        assertThat(arweaveIdsTagged(job)).containsExactly(arweaveId);
        assertThat(new ArweaveClient(arlocal.url(), Duration.ofSeconds(20)).read(arweaveId)).isEqualTo(pkg);
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
                    .put("plaintext", PLAINTEXT).put("arweave", arlocal.url().toString())
                    .put("arweaveJwk", Base64.getEncoder().encodeToString(arweaveWallet.toJwk()))
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
        assertThat(Files.exists(Path.of(vaultFile, "vault.mv.db"))).isTrue();
    }

    /** The ids of the Arweave transactions tagged with this job (arlocal's GraphQL, after mining). */
    private static List<String> arweaveIdsTagged(String job) throws Exception {
        String query = "{ transactions(tags: [{name: \\\"Test-Job\\\", values: [\\\"" + job
                + "\\\"]}]) { edges { node { id } } } }";
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        arlocal.url().resolve("graphql")).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        new ObjectMapper().readTree(response.body()).at("/data/transactions/edges")
                .forEach(e -> ids.add(e.at("/node/id").asText()));
        return ids;
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
