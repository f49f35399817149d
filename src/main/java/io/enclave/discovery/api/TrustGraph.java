package io.enclave.discovery.api;

import java.util.List;

/** The vouching graph around one wallet, breadth-first to {@code depth} hops in either direction. */
public record TrustGraph(String center, int depth, List<Node> nodes, List<Edge> edges, boolean truncated) {

    /** A wallet in the graph and its distance from the center. */
    public record Node(String address, int reputation, int distance) {
    }

    /** {@code voucher} staked {@code amountWei} in total on {@code subject}. */
    public record Edge(String voucher, String subject, String amountWei) {
    }
}
