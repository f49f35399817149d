package io.enclave.discovery.indexer;

import java.time.Instant;

/** The parts of a block header the indexer needs. */
public record BlockHeader(long number, String hash, String parentHash, Instant time) {
}
