package io.enclave.util;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The JDK HTTP client as Enclave uses it: HTTP/1.1. The JDK's default (HTTP/2) sends every request to a plain
 * {@code http://} endpoint — the IPFS daemon, arlocal, anvil, a local gateway or discovery node — with an
 * {@code Upgrade: h2c} header, POSTs included; none of those servers upgrades, and Node's HTTP server does not always
 * read the body of a request it sees as an upgrade (arlocal answered such a transaction post "400 Bad Request").
 */
public final class HttpClients {
    private HttpClients() {
    }

    /** A builder for an HTTP/1.1 client with {@code connectTimeout}; add what else the caller needs. */
    public static HttpClient.Builder builder(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout);
    }
}
