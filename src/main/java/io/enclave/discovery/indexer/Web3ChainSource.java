package io.enclave.discovery.indexer;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.http.HttpService;

/** {@link ChainSource} over JSON-RPC with web3j; header look-ups go out as one batch request. */
public final class Web3ChainSource implements ChainSource, AutoCloseable {
    private static final int HEADER_BATCH = 200;
    /** How long one answer may take; a getLogs range that takes longer is split. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private final String rpcUrl;
    private final Web3j web3j;
    /** eth_getLogs answers are parsed as a stream (they can hold 100,000 logs); everything else goes through web3j. */
    private final GetLogsReader logsReader;

    public Web3ChainSource(String rpcUrl) {
        this.rpcUrl = rpcUrl;
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10)).readTimeout(READ_TIMEOUT)
                .build();
        this.web3j = Web3j.build(new HttpService(rpcUrl, http));
        this.logsReader = new GetLogsReader(http, rpcUrl);
    }

    @Override
    public long chainId() {
        return check(call(() -> web3j.ethChainId().send()), "eth_chainId").getChainId().longValueExact();
    }

    @Override
    public long headBlock() {
        return check(call(() -> web3j.ethBlockNumber().send()), "eth_blockNumber").getBlockNumber().longValueExact();
    }

    @Override
    public Map<Long, BlockHeader> headers(Collection<Long> numbers) {
        Map<Long, BlockHeader> out = new HashMap<>();
        List<Long> all = new ArrayList<>(numbers);
        for (int i = 0; i < all.size(); i += HEADER_BATCH) {
            BatchRequest batch = web3j.newBatch();
            for (Long n : all.subList(i, Math.min(all.size(), i + HEADER_BATCH))) {
                batch.add(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)), false));
            }
            BatchResponse response = call(batch::send);
            for (Response<?> r : response.getResponses()) {
                EthBlock.Block b = check((EthBlock) r, "eth_getBlockByNumber").getBlock();
                if (b != null) {
                    out.put(b.getNumber().longValueExact(), new BlockHeader(b.getNumber().longValueExact(),
                            lower(b.getHash()), lower(b.getParentHash()),
                            Instant.ofEpochSecond(b.getTimestamp().longValueExact())));
                }
            }
        }
        return out;
    }

    @Override
    public List<RawLog> logs(long from, long to, List<String> addresses, List<String> topics) {
        try {
            return logsReader.logs(from, to, addresses, topics);
        } catch (java.io.InterruptedIOException e) {
            // A node that cannot answer a range in time is asked for a smaller one, like one that refuses it.
            throw new RangeTooLargeException("eth_getLogs " + from + ".." + to + " timed out after "
                    + READ_TIMEOUT.toSeconds() + " s");
        } catch (GetLogsReader.MalformedAnswer e) {
            throw new ChainUnavailableException("eth_getLogs " + from + ".." + to + " at " + rpcUrl + ": " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (GetLogsReader.RpcError e) {
            String msg = e.getMessage();
            String m = msg.toLowerCase(Locale.ROOT);
            if (m.contains("range") || m.contains("too many") || m.contains("limit") || m.contains("exceed")) {
                throw new RangeTooLargeException(msg);
            }
            throw new ChainUnavailableException("eth_getLogs " + from + ".." + to + " failed at " + rpcUrl + ": " + msg, null);
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private <T extends Response<?>> T check(T response, String method) {
        if (response.hasError()) {
            throw new ChainUnavailableException(method + " failed at " + rpcUrl + ": " + response.getError().getMessage(),
                    null);
        }
        return response;
    }

    private <T> T call(IoCall<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private ChainUnavailableException unreachable(IOException e) {
        return new ChainUnavailableException("The chain node at " + rpcUrl + " is unreachable (" + e.getMessage()
                + "); check --rpc and that the node is running", e);
    }

    @Override
    public void close() {
        web3j.shutdown();
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T run() throws IOException;
    }
}
