package io.enclave.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node.js script as a test oracle (an independent implementation to compare with): the request goes as JSON
 * on stdin — never as arguments, so test keys do not appear in process listings — and the answer is JSON on stdout.
 */
public final class NodeScript {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeScript() {
    }

    public static JsonNode call(Path script, Object request) {
        try {
            Process p = new ProcessBuilder(Toolchain.node(), script.toString()).directory(Toolchain.projectDir().toFile())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(JSON.writeValueAsBytes(request));
            }
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(script.getFileName() + " failed: " + err);
            }
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A script shipped as a test resource beside the test classes. */
    public static Path resource(Class<?> near, String name) {
        try {
            return Path.of(near.getResource(name).toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name + " near " + near.getName(), e);
        }
    }
}
