package io.enclave.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session's hold on circuits: released at lock (a locked wallet proves nothing). */
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
}
