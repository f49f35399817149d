package io.enclave.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.Block;
import org.junit.jupiter.api.Test;

/**
 * Argon2id's working memory (128 MiB for the wallet) must be wiped and unreachable as soon as a derivation returns:
 * issue #10 found 131,076 Argon2 blocks in a class histogram of the studio after the wallet import. Surefire runs the
 * parallel collector, whose {@code System.gc()} is a full, stop-the-world collection: a block that is not reachable is
 * gone after it, so these checks count references rather than wait for time to pass.
 */
class Argon2idMemoryTest {
    private static final byte[] SALT = "saltsaltsaltsalt".getBytes(StandardCharsets.US_ASCII);
    private static final Argon2id.Params PARAMS = new Argon2id.Params(16 * 1024, 1, 1); // 16,384 blocks of 1 KiB
    private static final int FILL_BLOCKS = 4; // BouncyCastle's FillBlock scratch blocks (R, Z, address, input)

    @Test
    void everyBlockOfADerivationIsWipedAndCollectableOnceItReturns() {
        Watching pool = new Watching(Argon2id.RELEASING);
        byte[] key = Argon2id.derive("password".getBytes(StandardCharsets.UTF_8), SALT, PARAMS, 32, pool);

        assertThat(key).isEqualTo(Argon2id.derive("password".toCharArray(), SALT, PARAMS, 32));
        assertThat(pool.handedOut).hasSize(16 * 1024 + FILL_BLOCKS);
        assertThat(pool.released).as("blocks given back").isEqualTo(pool.handedOut.size());
        assertThat(pool.releasedHoldingData).as("blocks given back still holding data").isZero();
        assertThat(stillReachableAfterGc(pool.handedOut)).as("blocks still reachable after a full GC").isZero();
    }

    /** The same check notices a pool that keeps its blocks, as BouncyCastle's default pool does inside a generator. */
    @Test
    void theCheckSeesBlocksThatAPoolKeeps() {
        Argon2BytesGenerator.FixedBlockPool kept = new Argon2BytesGenerator.FixedBlockPool(
                Argon2BytesGenerator.getBlockCount(PARAMS.memoryKiB(), PARAMS.parallelism()));
        Watching pool = new Watching(kept);
        Argon2id.derive("password".getBytes(StandardCharsets.UTF_8), SALT, PARAMS, 32, pool);

        assertThat(pool.releasedHoldingData).isZero(); // BouncyCastle wipes what it gives back...
        assertThat(stillReachableAfterGc(pool.handedOut)).isGreaterThanOrEqualTo(16 * 1024); // ...a kept pool keeps 16 MiB
        assertThat(kept).isNotNull();
    }

    /** The public entry point with the wallet's own parameters leaves no 128 MiB behind on the heap. */
    @Test
    void theWalletsDerivationLeavesNoHeapBehind() {
        long before = heapUsedAfterGc();
        byte[] key = Argon2id.derive("a long wallet password".toCharArray(), SALT, Argon2id.Params.WALLET, 64);
        long after = heapUsedAfterGc();

        assertThat(key).hasSize(64);
        assertThat(after - before).as("heap retained by one 128 MiB derivation").isLessThan(16L << 20);
    }

    private static int stillReachableAfterGc(List<WeakReference<Block>> refs) {
        int reachable = refs.size();
        for (int attempt = 0; attempt < 5 && reachable > 0; attempt++) {
            System.gc();
            reachable = (int) refs.stream().filter(r -> r.get() != null).count();
        }
        return reachable;
    }

    private static long heapUsedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Hands out the inner pool's blocks, remembers each weakly and checks that each comes back wiped. */
    private static final class Watching implements Argon2BytesGenerator.BlockPool {
        private static final Field WORDS;

        static {
            try {
                WORDS = Block.class.getDeclaredField("v");
                WORDS.setAccessible(true);
            } catch (NoSuchFieldException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Argon2BytesGenerator.BlockPool inner;
        final List<WeakReference<Block>> handedOut = new ArrayList<>();
        int released;
        int releasedHoldingData;

        Watching(Argon2BytesGenerator.BlockPool inner) {
            this.inner = inner;
        }

        @Override
        public Block allocate() {
            Block b = inner.allocate();
            handedOut.add(new WeakReference<>(b));
            return b;
        }

        @Override
        public void deallocate(Block block) {
            inner.deallocate(block);
            released++;
            if (!isZero(block)) {
                releasedHoldingData++;
            }
        }

        private static boolean isZero(Block block) {
            try {
                for (long w : (long[]) WORDS.get(block)) {
                    if (w != 0) {
                        return false;
                    }
                }
                return true;
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
    }
}
