package io.enclave.testsupport;

import java.util.List;
import java.util.Map;

/** A child JVM for {@code ManagedProcessIT}: starts a managed anvil, prints its PIDs, then waits to be killed. */
public final class ManagedProcessChild {
    private ManagedProcessChild() {
    }

    public static void main(String[] args) throws Exception {
        int port = Toolchain.freePort();
        ManagedProcess p = ManagedProcess.start("anvil-child", List.of(Toolchain.anvil().toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--silent"), Map.of(), null);
        Thread.sleep(1000);
        System.out.println("PIDS " + p.pids().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
