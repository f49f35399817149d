package io.enclave.discovery.api;

import java.util.List;

/** One page of search results; pass {@code nextCursor} as {@code cursor} for the next page (null on the last page). */
public record SearchPage(List<Listing> items, String nextCursor) {
}
