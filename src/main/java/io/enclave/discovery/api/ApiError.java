package io.enclave.discovery.api;

/** The body of every error response: a code, the offending parameter (or null) and what to do. */
public record ApiError(String error, String parameter, String message) {
}
