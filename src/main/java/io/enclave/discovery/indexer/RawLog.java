package io.enclave.discovery.indexer;

import java.util.List;

/** One log as the chain returned it (hex strings lower-cased). */
public record RawLog(String address, List<String> topics, String data, long blockNumber, String blockHash,
        String txHash, int logIndex) {
    public RawLog {
        topics = List.copyOf(topics);
    }
}
