package io.enclave.discovery.indexer;

import java.io.IOException;

/** Where metadata documents are read from by CID (a Kubo RPC endpoint or compatible). */
public interface BlobSource {
    /** The bytes of {@code cid}, at most {@code maxBytes}; IOException when unavailable (retried later). */
    byte[] fetch(String cid, int maxBytes) throws IOException;
}
