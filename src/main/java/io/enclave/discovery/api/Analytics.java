package io.enclave.discovery.api;

import java.util.List;

/** Aggregated marketplace metrics (no personal data): totals and per-day counts and volumes. */
public record Analytics(long activeListings, long sellers, long purchases, String purchaseVolumeWei, List<Day> days) {

    /** One metric on one UTC day. */
    public record Day(String day, String metric, long count, String volumeWei) {
    }
}
