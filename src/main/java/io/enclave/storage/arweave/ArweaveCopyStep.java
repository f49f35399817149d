package io.enclave.storage.arweave;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.storage.outbox.OutboxStep;
import io.enclave.storage.outbox.PublicationSteps;
import io.enclave.storage.outbox.StepContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The outbox step that keeps a permanent copy of the encrypted package on Arweave. The signed transaction is
 * checkpointed before it is posted, so a retry after a crash posts the very same transaction (same id) instead of
 * paying for a second copy. Its result is the transaction id.
 */
public final class ArweaveCopyStep implements OutboxStep {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ArweaveClient client;
    private final ArweaveWallet wallet;
    private final Map<String, String> tags;

    public ArweaveCopyStep(ArweaveClient client, ArweaveWallet wallet, Map<String, String> tags) {
        this.client = client;
        this.wallet = wallet;
        this.tags = new java.util.LinkedHashMap<>(tags);
    }

    @Override
    public String name() {
        return PublicationSteps.ARWEAVE;
    }

    @Override
    public byte[] run(StepContext ctx) throws Exception {
        byte[] pkg = ctx.result(PublicationSteps.ENCRYPT);
        byte[] saved = ctx.checkpoint("signed-tx").orElse(null);
        ArweaveTransaction tx;
        if (saved == null) {
            tx = client.prepare(wallet, tags, pkg);
            ctx.checkpoint("signed-tx", tx.toJson(null).getBytes(StandardCharsets.UTF_8));
        } else {
            tx = ArweaveTransaction.fromJson(JSON.readTree(saved));
        }
        client.post(tx, pkg);
        return tx.id().getBytes(StandardCharsets.US_ASCII);
    }
}
