package io.enclave.discovery.api;

/** An attestor registered on chain. */
public record Issuer(String address, String name, boolean active, long block, String txHash) {
}
