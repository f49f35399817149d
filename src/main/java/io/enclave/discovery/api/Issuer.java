package io.enclave.discovery.api;

/**
 * An attestor registered on chain: its registry id, BabyJubJub public key (decimal), royalty on sales of credentials it
 * attested (basis points), and whether it is still registered.
 */
public record Issuer(String address, long issuerId, String babyJubX, String babyJubY, int royaltyBps, boolean active,
        long block, String txHash) {
}
