package io.enclave.ui.trust;

import io.enclave.discovery.api.TrustGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Places a trust graph for drawing, without JavaFX: the center in the middle, each distance on its own ring, the
 * nodes of a ring spread evenly and ordered so that a node sits near the ring-inner neighbour it is linked to. Units are
 * abstract (ring spacing 1); the view scales, pans and zooms them.
 */
public final class GraphLayout {
    /** A placed node. */
    public record Point(String address, int reputation, int distance, double x, double y) {
    }

    private GraphLayout() {
    }

    public static Map<String, Point> place(TrustGraph graph) {
        Map<Integer, List<TrustGraph.Node>> rings = new TreeMap<>();
        for (TrustGraph.Node n : graph.nodes()) {
            rings.computeIfAbsent(n.distance(), d -> new ArrayList<>()).add(n);
        }
        Map<String, Point> placed = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<TrustGraph.Node>> ring : rings.entrySet()) {
            int d = ring.getKey();
            List<TrustGraph.Node> nodes = new ArrayList<>(ring.getValue());
            if (d == 0) {
                for (TrustGraph.Node n : nodes) {
                    placed.put(n.address(), new Point(n.address(), n.reputation(), 0, 0, 0));
                }
                continue;
            }
            // Order a ring by the angle of an already placed neighbour, then by address (stable drawings).
            nodes.sort(Comparator.comparingDouble((TrustGraph.Node n) -> parentAngle(graph, placed, n.address()))
                    .thenComparing(TrustGraph.Node::address));
            double offset = d % 2 == 0 ? Math.PI / nodes.size() : 0;
            for (int i = 0; i < nodes.size(); i++) {
                TrustGraph.Node n = nodes.get(i);
                double angle = -Math.PI / 2 + offset + 2 * Math.PI * i / nodes.size();
                placed.put(n.address(), new Point(n.address(), n.reputation(), d, d * Math.cos(angle), d * Math.sin(angle)));
            }
        }
        return placed;
    }

    private static double parentAngle(TrustGraph graph, Map<String, Point> placed, String address) {
        for (TrustGraph.Edge e : graph.edges()) {
            String other = e.voucher().equals(address) ? e.subject() : e.subject().equals(address) ? e.voucher() : null;
            Point p = other == null ? null : placed.get(other);
            if (p != null && (p.x() != 0 || p.y() != 0)) {
                double a = Math.atan2(p.y(), p.x()) + Math.PI / 2;
                return a < 0 ? a + 2 * Math.PI : a;
            }
        }
        return 0;
    }
}
