package io.enclave.discovery.indexer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the indexer follows the chain.
 *
 * @param contracts      the deployed contracts whose events are indexed, by name ({@link EventMappings#CONTRACTS}) to
 *                       address (lower-cased)
 * @param startBlock     first block to index in a fresh database (the contracts' deployment block)
 * @param confirmations  blocks to stay behind the head (0 suits Moca's single-block finality)
 * @param initialRange   first eth_getLogs range, in blocks; it doubles while batches stay small and halves when the
 *                       node refuses a range
 * @param maxRange       largest eth_getLogs range
 * @param targetEvents   events per batch the range adapts towards
 * @param pollInterval   wait between polls once caught up
 */
public record IndexerConfig(Map<String, String> contracts, long startBlock, int confirmations, int initialRange, int maxRange,
        int targetEvents, Duration pollInterval) {
    public IndexerConfig {
        if (contracts.isEmpty()) {
            throw new IllegalArgumentException("Give at least one contract address to index");
        }
        Map<String, String> lower = new LinkedHashMap<>();
        contracts.forEach((name, address) -> {
            if (!EventMappings.CONTRACTS.contains(name)) {
                throw new IllegalArgumentException("Unknown contract '" + name + "': the indexer follows "
                        + EventMappings.CONTRACTS.stream().sorted().toList());
            }
            String a = address.toLowerCase(Locale.ROOT);
            if (!a.matches("0x[0-9a-f]{40}")) {
                throw new IllegalArgumentException("Not a contract address for " + name + ": " + address);
            }
            lower.put(name, a);
        });
        contracts = java.util.Collections.unmodifiableMap(lower);
        if (startBlock < 0 || confirmations < 0 || initialRange < 1 || maxRange < initialRange || targetEvents < 1) {
            throw new IllegalArgumentException("Invalid indexer settings: start " + startBlock + ", confirmations "
                    + confirmations + ", range " + initialRange + ".." + maxRange + ", target " + targetEvents);
        }
    }

    /** The addresses to ask eth_getLogs for. */
    public List<String> addresses() {
        return List.copyOf(contracts.values());
    }

    /**
     * The defaults: ranges start at 16 blocks and double while answers stay small (an empty chain reaches the 100,000
     * block maximum in 13 steps), so a dense history is read in answers near the target size, each fetched while the
     * previous batch is written, rather than in one huge first answer nothing can overlap.
     */
    public static IndexerConfig of(Map<String, String> contracts, long startBlock, int confirmations) {
        return new IndexerConfig(contracts, startBlock, confirmations, 16, 100_000, 5_000, Duration.ofSeconds(1));
    }
}
