package io.enclave.storage;

import io.enclave.util.HttpClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A small HTTP helper for storage endpoints: one deadline for the whole exchange (headers and body, so a server
 * that trickles its answer is cut off), a cap on the body size, and messages that name the endpoint.
 */
public final class Http {
    private static final ExecutorService BODY_READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "enclave-http-body");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client;

    public Http() {
        this(HttpClients.builder(Duration.ofSeconds(10)).build());
    }

    public Http(HttpClient client) {
        this.client = client;
    }

    /** A status and a body. */
    public record Response(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Response send(HttpRequest request, Duration timeout, long maxBytes) {
        String what = request.method() + " " + request.uri().getScheme() + "://" + request.uri().getAuthority()
                + request.uri().getPath();
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<HttpResponse<InputStream>> pending = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try {
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new StorageException(what + ": no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new StorageException(what + ": " + describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(what + ": interrupted", e);
        }
        InputStream in = response.body();
        Future<byte[]> body = BODY_READERS.submit(() -> readLimited(in, maxBytes, what));
        try {
            byte[] bytes = body.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Response(response.statusCode(), bytes);
        } catch (TimeoutException e) {
            body.cancel(true);
            closeQuietly(in);
            throw new StorageException(what + ": answer not complete within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            closeQuietly(in);
            Throwable cause = e.getCause();
            if (cause instanceof StorageException se) {
                throw se;
            }
            throw new StorageException(what + ": body broken off: " + describe(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(in);
            throw new StorageException(what + ": interrupted", e);
        }
    }

    private static byte[] readLimited(InputStream in, long maxBytes, String what) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (out.size() + (long) n > maxBytes) {
                    throw new StorageException(what + ": answer larger than " + maxBytes + " bytes: refused");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static String describe(Throwable t) {
        if (t instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (t instanceof java.net.ConnectException) {
            return "connection refused (is the service running?)";
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the stream is being abandoned
        }
    }

    /** A multipart/form-data body with one file part (and optional extra text parts). */
    public static final class Multipart {
        private final String boundary = "enclave-" + HexFormat.of().formatHex(randomBytes());
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private static byte[] randomBytes() {
            byte[] b = new byte[12];
            new SecureRandom().nextBytes(b);
            return b;
        }

        public Multipart file(String field, String filename, byte[] content) {
            head("Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename + "\"\r\n"
                    + "Content-Type: application/octet-stream\r\n");
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        public Multipart text(String field, String value) {
            head("Content-Disposition: form-data; name=\"" + field + "\"\r\n");
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        private void head(String headers) {
            out.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        public String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        public HttpRequest.BodyPublisher publisher() {
            ByteArrayOutputStream all = new ByteArrayOutputStream(out.size() + 64);
            all.writeBytes(out.toByteArray());
            all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            return HttpRequest.BodyPublishers.ofByteArray(all.toByteArray());
        }
    }
}
