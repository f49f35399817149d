package io.enclave.storage;

import io.enclave.storage.ipfs.Cid;

/**
 * A service that stores and pins content-addressed blobs: {@code KuboStore} (an IPFS node's RPC API),
 * {@code PinataStore} (Pinata's pinning API). Every implementation computes the CID locally and refuses an answer
 * that names other bytes.
 */
public interface BlobStore {
    /** A short name for messages and health reports, e.g. {@code kubo 127.0.0.1:5001}. */
    String name();

    /** Uploads and pins {@code content}; returns its CID after checking the service computed the same one. */
    Cid put(byte[] content);

    /** Pins content the service can already reach (re-pin repair). */
    void pin(Cid cid);

    void unpin(Cid cid);

    boolean isPinned(Cid cid);
}
