package io.enclave.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles test-only Solidity sources from {@code src/test/resources/<dir>} with the project's solcjs (through
 * build/compile-contracts.js, which skips unchanged inputs) into {@code <build>/test-contracts/<dir>}.
 */
public final class TestContracts {
    private TestContracts() {
    }

    /** The output directory holding {@code <Name>.abi} and {@code <Name>.bin}. */
    public static synchronized Path compile(String resourceDir) {
        Path src = Toolchain.projectDir().resolve("src/test/resources").resolve(resourceDir);
        Path out = Toolchain.buildDir().resolve("test-contracts").resolve(resourceDir.replace('/', '_'));
        ProcessBuilder pb = new ProcessBuilder(List.of(Toolchain.node(),
                Toolchain.projectDir().resolve("build/compile-contracts.js").toString(), src.toString(), out.toString()))
                .redirectErrorStream(true);
        try {
            Process p = pb.start();
            byte[] log = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("compiling " + src + " failed:\n" + new String(log));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String bin(Path dir, String name) {
        try {
            return "0x" + Files.readString(dir.resolve(name + ".bin")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
