package io.enclave.devnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * What a running devnet tells other clients ({@code devnet.json} in its folder): endpoints, chain id, contract
 * addresses and the PID of the process that owns it.
 */
public record DevnetInfo(long pid, long chainId, String rpcUrl, String ipfsApiUrl, String ipfsGatewayUrl,
        String discoveryUrl, Map<String, String> contracts, String startedAt) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String FILE = "devnet.json";

    public void write(Path folder) {
        try {
            Path tmp = folder.resolve(FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DevnetException("Could not write " + folder.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    public static Optional<DevnetInfo> read(Path folder) {
        Path f = folder.resolve(FILE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(f.toFile(), DevnetInfo.class));
        } catch (IOException e) {
            throw new DevnetException(f + " is unreadable (" + e.getMessage() + "): run `enclave devnet reset`", e);
        }
    }

    /** True when the process that started this devnet is still alive. */
    public boolean ownerAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
