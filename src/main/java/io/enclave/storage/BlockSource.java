package io.enclave.storage;

import io.enclave.storage.ipfs.Cid;
import java.time.Duration;

/**
 * Somewhere raw IPFS blocks can be read from: a node's RPC API or an HTTP gateway. Answers are untrusted: the
 * caller ({@code TrustlessReader}) checks every block against its CID.
 */
public interface BlockSource {
    String name();

    /** The bytes this source claims are the block {@code cid}; throws on any transport error or timeout. */
    byte[] block(Cid cid, Duration timeout);
}
