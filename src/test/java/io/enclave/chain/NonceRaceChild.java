package io.enclave.chain;

import io.enclave.vault.Vault;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.TransactionEncoder;

/**
 * The other process of {@link CrossProcessNonceIT} and {@link SendLocksTest}, started with {@code java -cp <test class
 * path>}.
 * <ul>
 *   <li>{@code send RPC CHAIN_ID LOCK_FOLDER TO COUNT THREADS}: reads the sender's private key (hex) from stdin (never
 *   argv), builds its own {@link TransactionService} on its own vault, prints {@code READY}, waits for a {@code GO}
 *   line, sends COUNT transfers of 1 wei to TO from THREADS threads, prints {@code SENT hash} or {@code ERROR message}
 *   for each, then {@code DONE}.</li>
 *   <li>{@code hold FILE}: takes the OS lock on FILE, prints {@code HELD} and keeps it until killed or stdin ends.</li>
 * </ul>
 */
public final class NonceRaceChild {
    private NonceRaceChild() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (args[0].equals("hold")) {
            try (FileChannel ch = FileChannel.open(Path.of(args[1]), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ch.lock();
                System.out.println("HELD");
                System.out.flush();
                while (in.readLine() != null) {
                    // held until stdin closes or the process is killed
                }
            }
            return;
        }
        Credentials key = Credentials.create(in.readLine().trim());
        long chainId = Long.parseLong(args[2]);
        try (RpcClient rpc = new RpcClient(network(args[1], chainId)).connect()) {
            TransactionService tx = service(rpc, Path.of(args[3]));
            System.out.println("READY");
            System.out.flush();
            if (!"GO".equals(in.readLine())) {
                return;
            }
            for (String line : sendAll(tx, key, args[4], Integer.parseInt(args[5]), Integer.parseInt(args[6]))) {
                System.out.println(line);
            }
            System.out.println("DONE");
            System.out.flush();
        }
    }

    static Network network(String rpcUrl, long chainId) {
        return new Network("devnet", chainId, List.of(rpcUrl), "MOCA", 18, 1, Map.of());
    }

    /** A sender with a vault of its own (in memory: the processes share only the chain and the lock folder). */
    static TransactionService service(RpcClient rpc, Path lockFolder) {
        Vault vault = Vault.inMemory("nonce-race-" + UUID.randomUUID());
        return new TransactionService(rpc, new AbiDecoder(new AbiRegistry()), Humanizer.of(rpc.network()),
                vault.activity(), lockFolder);
    }

    /** {@code count} transfers of 1 wei from {@code threads} threads; one line per transfer: SENT hash or ERROR why. */
    static List<String> sendAll(TransactionService tx, Credentials key, String to, int count, int threads)
            throws Exception {
        Signer signer = new Signer() {
            @Override
            public String address() {
                return key.getAddress();
            }

            @Override
            public byte[] sign(org.web3j.crypto.RawTransaction raw, long chainId) {
                return TransactionEncoder.signMessage(raw, chainId, key);
            }
        };
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                running.add(pool.submit(() -> {
                    try {
                        PreparedTx p = tx.prepare(TxRequest.transfer(key.getAddress(), to, BigInteger.ONE));
                        out.add("SENT " + tx.send(p, signer));
                    } catch (RuntimeException e) {
                        out.add("ERROR " + e.getMessage());
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }
}
