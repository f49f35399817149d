package io.enclave.ui.trust;

import io.enclave.discovery.api.TrustGraph;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * The vouching graph around an address, drawn on a canvas: the center in the middle, rings by distance, an arrow from
 * each voucher to the wallet it stakes on (thicker for more stake), nodes coloured by reputation. Drag to pan, scroll
 * to zoom, click a node to re-center on it.
 */
public final class TrustGraphView extends Region {
    private static final double RING = 150;
    private static final double RADIUS = 16;
    private static final BigDecimal WEI_PER_MOCA = BigDecimal.TEN.pow(18);

    private final Canvas canvas = new Canvas();
    private final Label empty = new Label("Look up an address to see who vouches for it and whom it vouches for.");
    private TrustGraph graph;
    private Map<String, GraphLayout.Point> points = Map.of();
    private double scale = 1;
    private double panX;
    private double panY;
    private double pressX;
    private double pressY;
    private boolean dragged;
    /** Takes the theme's colours (text, background, muted) so the drawing follows light and dark. */
    private final Label probe = new Label();
    private Consumer<String> onSelect = a -> { };

    public TrustGraphView() {
        getStyleClass().add("trust-graph");
        empty.getStyleClass().add("text-muted");
        empty.setWrapText(true);
        probe.setStyle("-fx-text-fill: -color-fg-default; -fx-background-color: -color-bg-default;");
        probe.setVisible(false);
        probe.setManaged(false);
        probe.textFillProperty().addListener((o, a, b) -> redraw());
        empty.textFillProperty().addListener((o, a, b) -> redraw());
        getChildren().addAll(canvas, empty, probe);
        setMinHeight(200);
        setPrefHeight(380);
        widthProperty().addListener((o, a, b) -> redraw());
        heightProperty().addListener((o, a, b) -> redraw());
        canvas.setOnMousePressed(e -> {
            pressX = e.getX();
            pressY = e.getY();
            dragged = false;
        });
        canvas.setOnMouseDragged(e -> {
            double dx = e.getX() - pressX;
            double dy = e.getY() - pressY;
            if (dragged || Math.hypot(dx, dy) > 3) {
                dragged = true;
                panX += dx;
                panY += dy;
                pressX = e.getX();
                pressY = e.getY();
                redraw();
            }
        });
        canvas.setOnMouseReleased(e -> {
            if (!dragged) {
                nodeAt(e.getX(), e.getY()).ifPresent(a -> onSelect.accept(a));
            }
        });
        canvas.setOnScroll(e -> zoomAt(e.getDeltaY() > 0 ? 1.15 : 1 / 1.15, e.getX(), e.getY()));
    }

    /** Called with a node's address when it is clicked (the screen re-centers on it). */
    public void setOnSelect(Consumer<String> onSelect) {
        this.onSelect = onSelect;
    }

    /** Shows a graph (null clears it) and resets pan and zoom. */
    public void show(TrustGraph g) {
        graph = g;
        points = g == null ? Map.of() : GraphLayout.place(g);
        empty.setVisible(g == null);
        resetView();
    }

    public TrustGraph graph() {
        return graph;
    }

    public void resetView() {
        scale = 1;
        panX = 0;
        panY = 0;
        redraw();
    }

    /** Zooms around the middle of the view. */
    public void zoom(double factor) {
        zoomAt(factor, getWidth() / 2, getHeight() / 2);
    }

    public double scale() {
        return scale;
    }

    private void zoomAt(double factor, double x, double y) {
        double next = Math.max(0.25, Math.min(4, scale * factor));
        double f = next / scale;
        // keep the point under the cursor where it is
        double cx = getWidth() / 2 + panX;
        double cy = getHeight() / 2 + panY;
        panX += (x - cx) * (1 - f);
        panY += (y - cy) * (1 - f);
        scale = next;
        redraw();
    }

    /** Where a node is drawn, in this view's coordinates (empty when it is not in the graph). */
    public Optional<Point2D> positionOf(String address) {
        GraphLayout.Point p = points.get(address);
        return p == null ? Optional.empty() : Optional.of(screen(p));
    }

    /** The node under a point of the view, if any. */
    public Optional<String> nodeAt(double x, double y) {
        for (GraphLayout.Point p : points.values()) {
            Point2D s = screen(p);
            if (Math.hypot(s.getX() - x, s.getY() - y) <= RADIUS * Math.max(1, scale) + 2) {
                return Optional.of(p.address());
            }
        }
        return Optional.empty();
    }

    private Point2D screen(GraphLayout.Point p) {
        double ring = RING * scale * Math.min(1, Math.min(getWidth(), getHeight()) / 420);
        return new Point2D(getWidth() / 2 + panX + p.x() * ring, getHeight() / 2 + panY + p.y() * ring);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        empty.resizeRelocate(24, getHeight() / 2 - 20, Math.max(0, getWidth() - 48), 40);
        redraw();
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (graph == null) {
            return;
        }
        Color edge = empty.getTextFill() instanceof Color c ? c : Color.web("#57606a");
        Color text = probe.getTextFill() instanceof Color c ? c : Color.web("#1f2328");
        Color paper = probe.getBackground() != null && !probe.getBackground().getFills().isEmpty()
                && probe.getBackground().getFills().get(0).getFill() instanceof Color c ? c.deriveColor(0, 1, 1, 0.85)
                : Color.web("#ffffff", 0.85);
        for (TrustGraph.Edge e : graph.edges()) {
            GraphLayout.Point a = points.get(e.voucher());
            GraphLayout.Point b = points.get(e.subject());
            if (a == null || b == null) {
                continue;
            }
            arrow(g, screen(a), screen(b), width(e.amountWei()), edge);
        }
        double r = RADIUS * Math.max(0.7, Math.min(1.6, scale));
        Font font = Font.font(11 * Math.max(0.8, Math.min(1.3, scale)));
        g.setFont(font);
        Text measure = new Text();
        measure.setFont(font);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (GraphLayout.Point p : points.values()) {
            Point2D s = screen(p);
            g.setFill(colour(p.reputation()));
            g.fillOval(s.getX() - r, s.getY() - r, 2 * r, 2 * r);
            g.setStroke(p.distance() == 0 ? text : edge);
            g.setLineWidth(p.distance() == 0 ? 3 : 1);
            g.strokeOval(s.getX() - r, s.getY() - r, 2 * r, 2 * r);
            String label = shortAddress(p.address()) + "  " + p.reputation();
            measure.setText(label);
            double w = measure.getLayoutBounds().getWidth();
            double h = measure.getLayoutBounds().getHeight();
            g.setFill(paper); // a backing so arrows never run through the text
            g.fillRoundRect(s.getX() - w / 2 - 4, s.getY() + r + 2, w + 8, h + 2, 6, 6);
            g.setFill(text);
            g.fillText(label, s.getX(), s.getY() + r + 3);
        }
    }

    private static void arrow(GraphicsContext g, Point2D from, Point2D to, double width, Color colour) {
        double dx = to.getX() - from.getX();
        double dy = to.getY() - from.getY();
        double len = Math.hypot(dx, dy);
        if (len < 1) {
            return;
        }
        double ux = dx / len;
        double uy = dy / len;
        double sx = from.getX() + ux * RADIUS;
        double sy = from.getY() + uy * RADIUS;
        double ex = to.getX() - ux * (RADIUS + 2);
        double ey = to.getY() - uy * (RADIUS + 2);
        g.setStroke(colour);
        g.setFill(colour);
        g.setLineWidth(width);
        g.strokeLine(sx, sy, ex, ey);
        double head = 7 + width;
        g.fillPolygon(new double[] {ex, ex - ux * head - uy * head / 2, ex - ux * head + uy * head / 2},
                new double[] {ey, ey - uy * head + ux * head / 2, ey - uy * head - ux * head / 2}, 3);
    }

    /** 1 px for a token stake, up to 6 px for 1,000 MOCA and more. */
    private static double width(String amountWei) {
        double moca = new BigDecimal(new BigInteger(amountWei)).divide(WEI_PER_MOCA).doubleValue();
        return Math.max(1, Math.min(6, 1 + Math.log10(1 + moca) * 5 / 3));
    }

    /** Red (0) through amber to green (1000). */
    private static Color colour(int reputation) {
        double t = Math.max(0, Math.min(1, reputation / 1000.0));
        return Color.hsb(10 + 110 * t, 0.55, 0.9);
    }

    static String shortAddress(String a) {
        return a.length() > 12 ? a.substring(0, 6) + "…" + a.substring(a.length() - 4) : a;
    }
}
