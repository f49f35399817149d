package io.enclave.storage.ipfs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.enclave.storage.Http;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP gateway for tests that serves raw blocks from a real IPFS node and misbehaves on purpose: it can
 * serve tampered bytes, a truncated body, a 5xx, a 404, or answer too slowly.
 */
final class LocalGateway implements AutoCloseable {
    enum Mode { HONEST, TAMPERED, TRUNCATED, SHORT_BODY, ERROR_500, NOT_FOUND, SLOW }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final KuboStore node;
    private volatile Mode mode;
    final AtomicInteger requests = new AtomicInteger();

    LocalGateway(KuboStore node, Mode mode) throws IOException {
        this.node = node;
        this.mode = mode;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/ipfs/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    GatewaySource source(Http http) {
        return new GatewaySource(url(), http);
    }

    void mode(Mode m) {
        this.mode = m;
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Cid cid = Cid.parse(path.substring("/ipfs/".length()));
            Mode m = mode;
            if (m == Mode.ERROR_500) {
                ex.sendResponseHeaders(502, -1);
                return;
            }
            if (m == Mode.NOT_FOUND) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] block = node.block(cid, Duration.ofSeconds(5));
            ex.getResponseHeaders().add("Content-Type", "application/vnd.ipld.raw");
            OutputStream out = ex.getResponseBody();
            switch (m) {
                case TAMPERED -> {
                    block[block.length / 2] ^= 0x01;
                    ex.sendResponseHeaders(200, block.length);
                    out.write(block);
                }
                case TRUNCATED -> {
                    // declares the full length, sends half, then closes the connection
                    ex.sendResponseHeaders(200, block.length);
                    out.write(block, 0, block.length / 2);
                    out.flush();
                    throw new IOException("connection cut on purpose");
                }
                case SHORT_BODY -> {
                    ex.sendResponseHeaders(200, block.length / 2);
                    out.write(block, 0, block.length / 2);
                }
                case SLOW -> {
                    ex.sendResponseHeaders(200, block.length);
                    out.write(block, 0, 1);
                    out.flush();
                    sleep(3000);
                    out.write(block, 1, block.length - 1);
                }
                default -> {
                    ex.sendResponseHeaders(200, block.length);
                    out.write(block);
                }
            }
        } catch (RuntimeException e) {
            ex.sendResponseHeaders(500, -1);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
