package io.enclave.devnet;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The npm toolchain of a source checkout (anvil, the js-ipfs daemon), which the local devnet runs on. The desktop app
 * itself never needs Node.js; only the devnet does. Found through {@code ENCLAVE_TOOLCHAIN} / {@code -Denclave.toolchain},
 * else upwards from the working folder and from the jar's folder.
 */
public record JsToolchain(Path root) {
    static final String ANVIL = "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";

    public static JsToolchain locate() {
        List<Path> starts = new ArrayList<>();
        String configured = System.getProperty("enclave.toolchain", System.getenv("ENCLAVE_TOOLCHAIN"));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured).toAbsolutePath();
            if (!Files.isExecutable(p.resolve(ANVIL))) {
                throw new DevnetException("ENCLAVE_TOOLCHAIN=" + p + " has no " + ANVIL
                        + ": run `mvn -Pstudio verify` there once so npm installs the toolchain");
            }
            return new JsToolchain(p);
        }
        starts.add(Path.of("").toAbsolutePath());
        jarFolder().ifPresent(starts::add);
        for (Path start : starts) {
            for (Path p = start; p != null; p = p.getParent()) {
                if (Files.isExecutable(p.resolve(ANVIL))) {
                    return new JsToolchain(p);
                }
            }
        }
        throw new DevnetException("The local devnet needs the JS toolchain of a source checkout (anvil, IPFS), and none was "
                + "found near " + starts.get(0) + ". Run `mvn -Pstudio verify` in an Enclave clone, or set ENCLAVE_TOOLCHAIN "
                + "to a clone where the build has run.");
    }

    private static Optional<Path> jarFolder() {
        try {
            return Optional.of(Path.of(JsToolchain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent());
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            return Optional.empty();
        }
    }

    public Path anvil() {
        return root.resolve(ANVIL);
    }

    public Path ipfsCli() {
        return require("node_modules/ipfs/src/cli.js");
    }

    /** Preloaded into js-ipfs on Node.js 20 (Promise.withResolvers). */
    public Path ipfsPolyfill() {
        return require("build/promise-with-resolvers.js");
    }

    public String node() {
        return System.getProperty("enclave.node", "node");
    }

    private Path require(String relative) {
        Path p = root.resolve(relative);
        if (!Files.exists(p)) {
            throw new DevnetException(p + " is missing: run `mvn -Pstudio verify` in " + root + " to install the toolchain");
        }
        return p;
    }
}
