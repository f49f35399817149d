package io.enclave.ui.studio;

import io.enclave.market.Approver;
import io.enclave.market.Listings;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketStore;
import io.enclave.market.sell.SellService;
import io.enclave.storage.ipfs.KuboStore;
import io.enclave.ui.app.AppServices;
import io.enclave.ui.app.Approvals;
import io.enclave.ui.app.Session;

/**
 * The seller's market services for one account of the unlocked wallet, for one use case on one thread: the session's
 * runtime of that account ({@link Session#services(String)}), with {@code approver} (the screen's confirmation view)
 * answering the signatures asked on this thread. Closing it gives the thread's questions back to the session; the
 * runtime itself stays open until the wallet locks.
 */
public final class Seller implements AutoCloseable {
    private final AppServices runtime;
    private final Approvals.Scope scope;

    private Seller(AppServices runtime, Approvals.Scope scope) {
        this.runtime = runtime;
        this.scope = scope;
    }

    /** The account's runtime with {@code approver} asked on this thread; blocks the first time (connects to the RPC). */
    public static Seller open(Session session, String account, Approver approver) {
        AppServices runtime = session.services(account);
        return new Seller(runtime, session.approvals().scope(approver));
    }

    public SellService sell() {
        return runtime.sell();
    }

    public MarketChain chain() {
        return runtime.chain();
    }

    public MarketStore store() {
        return runtime.store();
    }

    public Listings listings() {
        return runtime.listings();
    }

    public KuboStore ipfs() {
        return runtime.ipfs();
    }

    @Override
    public void close() {
        scope.close();
    }
}
