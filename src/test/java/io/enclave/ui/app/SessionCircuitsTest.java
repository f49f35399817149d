package io.enclave.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.ui.UiTestSupport;
import io.enclave.ui.onboarding.WalletSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session's hold on circuits: kept while the studio holds them, released at once when it lets go, and at lock (a
 * locked wallet proves nothing).
 */
class SessionCircuitsTest {
    @Test
    void lockingReleasesTheLoadedCircuits(@TempDir Path dir) throws Exception {
        Session session = new Session(Files.createDirectories(dir.resolve("data")));
        try {
            session.circuits().circuit("range");
            assertThat(session.circuits().loaded()).containsExactly("range");
            session.lock();
            assertThat(session.circuits().loaded()).isEmpty();
        } finally {
            session.shutdown();
        }
    }

    @Test
    void theStudiosHoldKeepsTheCircuitUntilItLetsGoOrTheWalletLocks(@TempDir Path dir) throws Exception {
        Session session = new Session(Files.createDirectories(dir.resolve("data")));
        try {
            session.holdCircuits(true);
            assertThat(session.holdsCircuits()).as("a locked session holds nothing").isFalse();
            session.unlocked(new WalletSetup(session.walletFile(), UiTestSupport.TEST_KDF)
                    .importPrivateKey("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d".toCharArray(),
                            "a long wallet password".toCharArray()));

            session.holdCircuits(true);
            session.circuits().circuit("range");
            assertThat(session.circuits().releaseIdle(java.time.Duration.ZERO)).isEmpty();
            session.holdCircuits(false); // the proof was made, or the studio left
            assertThat(session.circuits().loaded()).isEmpty();

            session.holdCircuits(true);
            session.circuits().circuit("range");
            session.lock();
            assertThat(session.holdsCircuits()).isFalse();
            assertThat(session.circuits().loaded()).isEmpty();
        } finally {
            session.shutdown();
        }
    }
}
