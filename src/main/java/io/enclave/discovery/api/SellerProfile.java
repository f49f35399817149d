package io.enclave.discovery.api;

import java.util.List;

/** A wallet's public record on the marketplace: reputation and its inputs, recent listings, vouches and slashes. */
public record SellerProfile(String address, int reputation, String stakeReceivedWei, int distinctVouchers,
        int completedSales, int refunds, int slashes, String slashedWei, int activeListings, List<Listing> recentListings,
        List<Vouch> vouchesReceived, List<Slash> slashEvents) {

    /** Total stake one voucher put on this wallet. */
    public record Vouch(String voucher, String amountWei, int count) {
    }

    /** One slashing event. */
    public record Slash(String amountWei, long block, String txHash, String at) {
    }
}
