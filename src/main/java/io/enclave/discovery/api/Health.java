package io.enclave.discovery.api;

/** {@code up}, or {@code degraded} when the indexer lags the chain by more than the configured blocks. */
public record Health(String status, String version, boolean database, long indexedThroughBlock, long chainHeadBlock,
        long lagBlocks) {
}
