package io.enclave.discovery.indexer;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the indexer reads from a chain node. Failures are {@link ChainUnavailableException}. The indexer calls it from two
 * threads (it reads the next batch while it writes one), so implementations must be thread-safe.
 */
public interface ChainSource {
    long chainId();

    long headBlock();

    /** Headers by number; a block the node does not have (yet) is absent from the map. */
    Map<Long, BlockHeader> headers(Collection<Long> numbers);

    /**
     * Logs of the given contracts whose topic 0 is one of {@code topics}, in blocks {@code from..to} inclusive, in
     * chain order. Throws {@link RangeTooLargeException} when the node refuses the range or result size.
     */
    List<RawLog> logs(long from, long to, List<String> addresses, List<String> topics);

    /** The node refused a getLogs range as too large: retry with a smaller one. */
    final class RangeTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RangeTooLargeException(String message) {
            super(message);
        }
    }

    /** The node could not be reached or answered with an error. */
    final class ChainUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ChainUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
