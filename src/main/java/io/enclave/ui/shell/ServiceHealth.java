package io.enclave.ui.shell;

import io.enclave.discovery.api.Health;
import io.enclave.discovery.client.DiscoveryClient;
import io.enclave.ui.Errors;
import io.enclave.util.HttpClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The status bar's checks of the two services besides the chain (blocking; no JavaFX): the discovery API answers
 * {@code /health}, the IPFS node answers its RPC's {@code /api/v0/version}. Each result says what to do when a service is
 * down.
 */
public final class ServiceHealth {
    private static final Duration TIMEOUT = Duration.ofSeconds(4);

    /** One service's state: up or not, a short label for the status bar and a sentence for its tooltip. */
    public record Status(boolean up, String label, String detail) {
    }

    private HttpClient http; // made by the first check, off the FX thread (it starts a selector thread)

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClients.builder(TIMEOUT).build();
        }
        return http;
    }

    public Status discovery(String url) {
        try {
            Health h = new DiscoveryClient(URI.create(url), TIMEOUT, TIMEOUT).health();
            if ("up".equals(h.status())) {
                return new Status(true, "Discovery", "Discovery API " + url + " is up, indexed through block "
                        + h.indexedThroughBlock() + ".");
            }
            return new Status(true, "Discovery lagging", "Discovery API " + url + " is " + h.status() + ": its index is "
                    + h.lagBlocks() + " blocks behind the chain, so the newest listings may be missing.");
        } catch (RuntimeException e) {
            return new Status(false, "Discovery down", "The discovery API " + url + " is not answering, so the marketplace "
                    + "cannot search listings (" + Errors.describe(e) + "). Check the discovery URL in Settings; with the "
                    + "local devnet, restart it from the Network page.");
        }
    }

    public Status ipfs(String apiUrl) {
        try {
            URI uri = URI.create(apiUrl.endsWith("/") ? apiUrl + "api/v0/version" : apiUrl + "/api/v0/version");
            HttpResponse<String> r = http().send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return new Status(true, "IPFS", "IPFS node " + apiUrl + " is up.");
            }
            return down(apiUrl, "it answered HTTP " + r.statusCode() + ": is this an IPFS (Kubo) RPC address?");
        } catch (IOException | RuntimeException e) {
            return down(apiUrl, Errors.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down(apiUrl, "the check was interrupted");
        }
    }

    private static Status down(String apiUrl, String why) {
        return new Status(false, "IPFS down", "The IPFS node " + apiUrl + " is not answering, so publishing and opening "
                + "purchases wait (" + why + "). Start your IPFS node or fix the IPFS API URL in Settings; queued "
                + "publications resume on their own when it is back.");
    }
}
