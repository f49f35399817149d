package io.enclave.discovery.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the indexer cuts a large getLogs answer into batches: after the target, at the end of a block. */
class BatchEndTest {
    private static List<RawLog> logs(int... perBlock) {
        List<RawLog> out = new ArrayList<>();
        for (int b = 0; b < perBlock.length; b++) {
            for (int i = 0; i < perBlock[b]; i++) {
                out.add(new RawLog("0xa", List.of("0xt"), "0x", 100 + b, "0xh" + b, "0xtx" + b, i));
            }
        }
        return out;
    }

    @Test
    void aSmallAnswerIsOneBatch() {
        assertThat(Indexer.batchEnd(logs(2, 3), 5)).isEqualTo(5);
        assertThat(Indexer.batchEnd(logs(), 5)).isZero();
    }

    @Test
    void aLargeAnswerIsCutAtTheEndOfTheBlockThatReachesTheTarget() {
        assertThat(Indexer.batchEnd(logs(2, 3, 4), 4)).isEqualTo(5);
        assertThat(Indexer.batchEnd(logs(2, 3, 4), 5)).isEqualTo(5);
        assertThat(Indexer.batchEnd(logs(2, 3, 4), 6)).isEqualTo(9);
    }

    @Test
    void aBlockLargerThanTheTargetIsNeverSplit() {
        assertThat(Indexer.batchEnd(logs(10, 1), 3)).isEqualTo(10);
        assertThat(Indexer.batchEnd(logs(1, 10, 1), 1)).isEqualTo(1);
        assertThat(Indexer.batchEnd(logs(1, 10, 1), 2)).isEqualTo(11);
    }
}
