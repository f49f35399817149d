package io.enclave.discovery.indexer;

/** Decodes the logs of one event, identified by its topic (keccak-256 of the canonical signature). */
public interface EventDecoder {
    /** 0x-prefixed lower-case topic 0. */
    String topic();

    String name();

    /** Decodes a log whose topic 0 is {@link #topic()}; a malformed log throws {@link IllegalArgumentException}. */
    DecodedEvent decode(RawLog log);
}
