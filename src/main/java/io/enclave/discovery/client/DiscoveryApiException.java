package io.enclave.discovery.client;

import io.enclave.discovery.api.ApiError;

/** The discovery API refused a request (4xx/5xx) with an {@link ApiError}. */
public final class DiscoveryApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient ApiError error;

    public DiscoveryApiException(int status, ApiError error) {
        super("Discovery API " + status + (error.parameter() == null ? "" : " (parameter " + error.parameter() + ")") + ": "
                + error.message());
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }
}
