package io.enclave.discovery.indexer;

import java.time.Instant;

/** A decoded event with the time of the block that carried it. */
public record EventAt(DecodedEvent event, Instant time) {
}
