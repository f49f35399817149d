package io.enclave.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Requests go out as plain HTTP/1.1: no {@code Upgrade: h2c} that Node's servers (IPFS, arlocal) may mis-read. */
class HttpClientsTest {
    @Test
    void aPostToAPlainHttpEndpointAsksForNoUpgrade() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> head = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    String h = readHead(s.getInputStream());
                    byte[] ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
                    s.getOutputStream().write(ok);
                    return h;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            HttpResponse<String> r = HttpClients.builder(Duration.ofSeconds(5)).build().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getLocalPort() + "/tx"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).isEqualTo("ok");
            assertThat(head.get()).startsWith("POST /tx HTTP/1.1").doesNotContainIgnoringCase("upgrade")
                    .doesNotContainIgnoringCase("HTTP2-Settings");
        }
    }

    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }
}
