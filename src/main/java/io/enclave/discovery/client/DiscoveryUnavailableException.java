package io.enclave.discovery.client;

/** The discovery API could not be reached or answered unreadably. The message says so in plain words. */
public final class DiscoveryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DiscoveryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
