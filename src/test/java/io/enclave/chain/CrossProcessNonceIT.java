package io.enclave.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Two processes send from one account at the same moment — the studio (this JVM) and a CLI command beside it (a child
 * {@code java} on the test class path), each with its own {@link TransactionService} and vault, sharing only the
 * chain and the send-lock folder: every transfer lands, with distinct nonces, and none is refused ("nonce too low",
 * "replacement underpriced"). Without the cross-process lock the two read the same pending nonce again and again.
 */
@ExtendWith(AnvilExtension.class)
class CrossProcessNonceIT {
    private static final int EACH = 30;
    private static final int THREADS = 2;
    private static final long BOUND_SECONDS = 180;

    @Test
    void theStudioAndACliCommandSendingFromOneAccountAtOnceGetDistinctNoncesAndAllLand(Anvil anvil,
            @TempDir Path locks) throws Exception {
        Credentials sender = Actors.fresh(anvil);
        String to = Actors.fresh(anvil).getAddress();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                NonceRaceChild.class.getName(), "send", anvil.rpcUrl(), Long.toString(anvil.chainId()), locks.toString(),
                to, Integer.toString(EACH), Integer.toString(THREADS)).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (RpcClient rpc = new RpcClient(NonceRaceChild.network(anvil.rpcUrl(), anvil.chainId())).connect();
             OutputStream stdin = child.getOutputStream()) {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            stdin.write((Numeric.toHexStringWithPrefixZeroPadded(sender.getEcKeyPair().getPrivateKey(), 64) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            TransactionService studio = NonceRaceChild.service(rpc, locks);
            assertThat(CompletableFuture.supplyAsync(() -> readUntil(out, "READY")).get(BOUND_SECONDS, TimeUnit.SECONDS))
                    .as("the child is ready").endsWith("READY");
            CompletableFuture<List<String>> childLines = CompletableFuture.supplyAsync(() -> readUntil(out, "DONE"));

            stdin.write("GO\n".getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            List<String> mine = NonceRaceChild.sendAll(studio, sender, to, EACH, THREADS);
            List<String> theirs = childLines.get(BOUND_SECONDS, TimeUnit.SECONDS);

            assertThat(theirs).as("the child finished").endsWith("DONE");
            List<String> lines = new ArrayList<>(mine);
            lines.addAll(theirs.subList(0, theirs.size() - 1));
            assertThat(lines).as("no transfer refused").noneMatch(l -> l.startsWith("ERROR")).hasSize(2 * EACH);
            Set<Long> nonces = new HashSet<>();
            for (String l : lines) {
                String hash = l.substring("SENT ".length());
                TransactionReceipt r = anvil.receipt(hash);
                assertThat(r.isStatusOK()).as(hash).isTrue();
                nonces.add(anvil.web3j().ethGetTransactionByHash(hash).send().getTransaction().orElseThrow()
                        .getNonce().longValueExact());
            }
            assertThat(nonces).hasSize(2 * EACH).allMatch(n -> n >= 0 && n < 2 * EACH);
            assertThat(anvil.web3j().ethGetTransactionCount(sender.getAddress(), DefaultBlockParameterName.LATEST).send()
                    .getTransactionCount()).isEqualTo(BigInteger.valueOf(2 * EACH));
            assertThat(child.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
            try (var files = Files.list(locks)) {
                assertThat(files.toList()).as("one empty lock file: it says only which account and chain")
                        .containsExactly(SendLocks.file(locks, anvil.chainId(), sender.getAddress()))
                        .allMatch(f -> f.toFile().length() == 0);
            }
        } finally {
            child.destroyForcibly();
        }
    }

    /**
     * A deploy or a CLI credential command ({@link EstimatingTransactionManager}, web3j's contract wrappers) sending
     * beside the studio's {@link TransactionService} from one account takes the same send lock: every transaction lands
     * with its own nonce.
     */
    @Test
    void web3jWrappersSendingBesideTheStudioTakeTheSameLock(Anvil anvil) throws Exception {
        Credentials sender = Actors.fresh(anvil);
        String to = Actors.fresh(anvil).getAddress();
        try (RpcClient rpc = new RpcClient(NonceRaceChild.network(anvil.rpcUrl(), anvil.chainId())).connect()) {
            TransactionService studio = NonceRaceChild.service(rpc, SendLocks.defaultFolder());
            EstimatingTransactionManager cli = EstimatingTransactionManager.connect(anvil.web3j(), sender, anvil.chainId(),
                    RevertDecoder.bundled());
            CompletableFuture<List<String>> cliSends = CompletableFuture.supplyAsync(() -> {
                List<String> out = new ArrayList<>();
                for (int i = 0; i < EACH; i++) {
                    try {
                        out.add("SENT " + cli.execute(to, "0x", BigInteger.ONE).getTransactionHash());
                    } catch (Exception e) {
                        out.add("ERROR " + e.getMessage());
                    }
                }
                return out;
            });
            List<String> lines = new ArrayList<>(NonceRaceChild.sendAll(studio, sender, to, EACH, THREADS));
            lines.addAll(cliSends.get(BOUND_SECONDS, TimeUnit.SECONDS));
            assertThat(lines).as("no transaction refused").noneMatch(l -> l.startsWith("ERROR")).hasSize(2 * EACH);
            for (String l : lines) {
                assertThat(anvil.receipt(l.substring("SENT ".length())).isStatusOK()).isTrue();
            }
            assertThat(anvil.web3j().ethGetTransactionCount(sender.getAddress(), DefaultBlockParameterName.LATEST).send()
                    .getTransactionCount()).isEqualTo(BigInteger.valueOf(2 * EACH));
        }
    }

    private static List<String> readUntil(BufferedReader out, String last) {
        List<String> lines = new ArrayList<>();
        try {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.equals(last)) {
                    break;
                }
            }
        } catch (java.io.IOException e) {
            lines.add("ERROR reading the child: " + e.getMessage());
        }
        return lines;
    }
}
