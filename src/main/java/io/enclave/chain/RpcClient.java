package io.enclave.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * JSON-RPC over the network's endpoints in order, failing over to the next when one cannot be reached. Each
 * endpoint's {@code eth_chainId} is checked before its first use; one that serves another chain is never used.
 */
public final class RpcClient implements AutoCloseable {
    private final Network network;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private int active;

    private static final class Endpoint {
        final String url;
        final Web3j web3j;
        boolean verified;

        Endpoint(String url, OkHttpClient http) {
            this.url = url;
            this.web3j = Web3j.build(new HttpService(url, http));
        }
    }

    public RpcClient(Network network) {
        this.network = network;
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(20, TimeUnit.SECONDS).build();
        for (String u : network.rpcUrls()) {
            endpoints.add(new Endpoint(u, http));
        }
    }

    public Network network() {
        return network;
    }

    /** Connects: finds the first reachable endpoint serving the configured chain. */
    public RpcClient connect() {
        call(w -> w.ethChainId());
        return this;
    }

    /** The URL in use now. */
    public synchronized String activeUrl() {
        return endpoints.get(active).url;
    }

    /**
     * Re-reads {@code eth_chainId} from the active endpoint and throws {@link ChainException.ChainIdMismatch}
     * unless it is the configured chain. Called before every signature.
     */
    public void requireChainId() {
        Endpoint e;
        synchronized (this) {
            e = endpoints.get(active);
        }
        verify(e);
    }

    /**
     * Sends one request, failing over on I/O errors. A JSON-RPC error answer is returned as is (it is the node's
     * answer, not an outage).
     */
    public <R extends Response<?>> R call(java.util.function.Function<Web3j, Request<?, R>> request) {
        List<String> failures = new ArrayList<>();
        ChainException.ChainIdMismatch mismatch = null;
        int start;
        synchronized (this) {
            start = active;
        }
        for (int i = 0; i < endpoints.size(); i++) {
            int idx = (start + i) % endpoints.size();
            Endpoint e = endpoints.get(idx);
            try {
                if (!e.verified) {
                    verify(e);
                }
                R r = request.apply(e.web3j).send();
                synchronized (this) {
                    active = idx;
                }
                return r;
            } catch (ChainException.ChainIdMismatch m) {
                mismatch = m;
                failures.add(e.url + ": " + m.getMessage());
            } catch (IOException | RuntimeException ex) {
                failures.add(e.url + ": " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            }
        }
        if (mismatch != null && failures.size() == 1) {
            throw mismatch;
        }
        throw new ChainException("No RPC endpoint of network " + network.name() + " answered (" + String.join("; ", failures)
                + "). Check your connection or add another RPC URL.");
    }

    /** Like {@link #call} but turns a JSON-RPC error into a {@link ChainException}. */
    public <T, R extends Response<T>> T result(String what, java.util.function.Function<Web3j, Request<?, R>> request) {
        R r = call(request);
        if (r.hasError()) {
            throw new ChainException(what + " failed: " + r.getError().getMessage());
        }
        return r.getResult();
    }

    private void verify(Endpoint e) {
        BigInteger id;
        try {
            var r = e.web3j.ethChainId().send();
            if (r.hasError()) {
                throw new ChainException("eth_chainId failed at " + e.url + ": " + r.getError().getMessage());
            }
            id = r.getChainId();
        } catch (IOException ex) {
            throw new ChainException("RPC " + e.url + " is unreachable: " + ex.getMessage(), ex);
        }
        if (id == null || id.longValueExact() != network.chainId()) {
            throw new ChainException.ChainIdMismatch("RPC " + e.url + " serves chain id " + id + ", but network "
                    + network.name() + " is chain " + network.chainId() + ": refusing to sign. Check the RPC URL and "
                    + "the selected network.");
        }
        e.verified = true;
    }

    @Override
    public void close() {
        endpoints.forEach(e -> e.web3j.shutdown());
    }
}
