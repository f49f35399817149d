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
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;

/** {@link ChainSource} over JSON-RPC with web3j; header look-ups go out as one batch request. */
public final class Web3ChainSource implements ChainSource, AutoCloseable {
    private static final int HEADER_BATCH = 200;
    /** How long one answer may take; a getLogs range that takes longer is split. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private final String rpcUrl;
    private final Web3j web3j;

    public Web3ChainSource(String rpcUrl) {
        this.rpcUrl = rpcUrl;
        this.web3j = Web3j.build(new HttpService(rpcUrl, new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
                .readTimeout(READ_TIMEOUT).build()));
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
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), addresses);
        filter.addOptionalTopics(topics.toArray(String[]::new));
        EthLog result;
        try {
            result = web3j.ethGetLogs(filter).send();
        } catch (java.io.InterruptedIOException e) {
            // A node that cannot answer a range in time is asked for a smaller one, like one that refuses it.
            throw new RangeTooLargeException("eth_getLogs " + from + ".." + to + " timed out after "
                    + READ_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw unreachable(e);
        }
        if (result.hasError()) {
            String msg = result.getError().getMessage();
            String m = msg == null ? "" : msg.toLowerCase(Locale.ROOT);
            if (m.contains("range") || m.contains("too many") || m.contains("limit") || m.contains("exceed")) {
                throw new RangeTooLargeException(msg);
            }
            throw new ChainUnavailableException("eth_getLogs " + from + ".." + to + " failed at " + rpcUrl + ": " + msg, null);
        }
        List<RawLog> logs = new ArrayList<>();
        for (EthLog.LogResult<?> lr : result.getLogs()) {
            Log l = (Log) lr.get();
            if (l.isRemoved()) {
                continue;
            }
            List<String> topicsOut = new ArrayList<>();
            for (String t : l.getTopics()) {
                topicsOut.add(lower(t));
            }
            logs.add(new RawLog(lower(l.getAddress()), topicsOut, l.getData() == null ? "0x" : l.getData(),
                    l.getBlockNumber().longValueExact(), lower(l.getBlockHash()), lower(l.getTransactionHash()),
                    l.getLogIndex().intValueExact()));
        }
        return logs;
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
