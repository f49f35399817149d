package io.enclave.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.util.DataDirs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-(chain, account) send lock: bounded waits with a clear message in this JVM and across processes, the OS
 * releasing the lock of a process that died holding it, and a lock folder that cannot be used failing before anything
 * is sent.
 */
class SendLocksTest {
    private static final String ACCOUNT = "0xF39FD6E51AAD88F6F4CE6AB8827279CFFFB92266";
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    @Test
    void anotherSenderInThisJvmHoldingPastTheBoundIsAClearRefusalAndTheLockIsFreeAfterIt() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try (SendLocks.Held h = SendLocks.hold(31337, ACCOUNT, folder, LONG)) {
                held.countDown();
                release.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(1, TimeUnit.MINUTES)).isTrue();
        assertThatThrownBy(() -> SendLocks.hold(31337, ACCOUNT.toLowerCase(java.util.Locale.ROOT), folder, SHORT))
                .isInstanceOf(ChainException.class)
                .hasMessageContaining("another sender in this Enclave")
                .hasMessageContaining("Nothing was sent");
        try (SendLocks.Held other = SendLocks.hold(1, ACCOUNT, folder, SHORT)) {
            assertThat(other).as("another chain's lock of the same account is free").isNotNull();
        }
        release.countDown();
        holder.get(1, TimeUnit.MINUTES);
        try (SendLocks.Held h = SendLocks.hold(31337, ACCOUNT, folder, LONG)) {
            assertThat(SendLocks.file(folder, 31337, ACCOUNT)).exists().isEmptyFile();
        }
    }

    @Test
    void anotherProcessHoldingTheLockIsAClearRefusalAndItsCrashReleasesIt() throws Exception {
        Path file = SendLocks.file(folder, 31337, ACCOUNT);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                NonceRaceChild.class.getName(), "hold", file.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            }).get(2, TimeUnit.MINUTES)).isEqualTo("HELD");
            assertThatThrownBy(() -> SendLocks.hold(31337, ACCOUNT, folder, SHORT))
                    .isInstanceOf(ChainException.class)
                    .hasMessageContaining("another Enclave process (the studio or a CLI command")
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("Nothing was sent");
            child.destroyForcibly(); // the holder crashes: the OS drops its lock with its file handles
            assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
            try (SendLocks.Held h = SendLocks.hold(31337, ACCOUNT, folder, LONG)) {
                assertThat(h).isNotNull();
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aLockFolderThatCannotBeMadeFailsClearlyAndLeavesTheJvmLockFree() throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("plain-file"), "x");
        assertThatThrownBy(() -> SendLocks.hold(31337, ACCOUNT, notAFolder, SHORT))
                .isInstanceOf(ChainException.class)
                .hasMessageContaining("Cannot open the send lock")
                .hasMessageContaining("nothing was sent");
        try (SendLocks.Held h = SendLocks.hold(31337, ACCOUNT, folder, SHORT)) {
            assertThat(h).as("the failed attempt released this JVM's lock").isNotNull();
        }
    }

    @Test
    void everyEnclaveProcessOfTheUserSharesOneLockFolderWhateverVaultItOpens() {
        assertThat(SendLocks.defaultFolder()).isEqualTo(DataDirs.home().resolve("locks"));
        assertThat(SendLocks.file(folder, 222888, ACCOUNT).getFileName().toString())
                .isEqualTo("send-222888-" + ACCOUNT.toLowerCase(java.util.Locale.ROOT) + ".lock");
    }
}
