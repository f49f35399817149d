package io.enclave.ui.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Remembers the main window's size, position and maximized state per screen setup (the set of monitors and their
 * sizes) in {@code window.properties} in the data folder: the laptop alone and the laptop with its external monitor
 * each get their own placement. A placement that no longer fits (a smaller monitor, a monitor unplugged) is shrunk to
 * the visual bounds of the screen it overlaps most and moved inside it. Plain properties, no JSON: it is read before
 * the first frame.
 */
public final class WindowPlacement {
    static final String FILE = "window.properties";

    /** A window's normal (not maximized) bounds and whether it was maximized. */
    public record Placement(double x, double y, double width, double height, boolean maximized) {
        Rectangle2D bounds() {
            return new Rectangle2D(x, y, width, height);
        }
    }

    private final Path file;

    public WindowPlacement(Path dataFolder) {
        this.file = dataFolder.resolve(FILE);
    }

    /** A stable name for a screen setup: every screen's full bounds, in order. */
    static String setupKey(List<Rectangle2D> screens) {
        StringBuilder b = new StringBuilder("screens");
        for (Rectangle2D s : screens) {
            b.append(String.format(Locale.ROOT, "_%dx%d@%d,%d", Math.round(s.getWidth()), Math.round(s.getHeight()),
                    Math.round(s.getMinX()), Math.round(s.getMinY())));
        }
        return b.toString().replace('-', 'm');
    }

    /**
     * {@code saved} made to fit {@code visualBounds} (each screen's usable area): unchanged when it lies mostly on a
     * screen and fits it; otherwise at most that screen's size (never below the minimum size, when the screen allows)
     * and moved inside it. A placement on no screen at all goes to the first (primary) screen.
     */
    static Placement fit(Placement saved, List<Rectangle2D> visualBounds, double minWidth, double minHeight) {
        if (visualBounds.isEmpty()) {
            return saved;
        }
        Rectangle2D target = visualBounds.get(0);
        double best = 0;
        for (Rectangle2D s : visualBounds) {
            double overlap = overlap(s, saved.bounds());
            if (overlap > best) {
                best = overlap;
                target = s;
            }
        }
        double w = Math.min(Math.max(saved.width(), Math.min(minWidth, target.getWidth())), target.getWidth());
        double h = Math.min(Math.max(saved.height(), Math.min(minHeight, target.getHeight())), target.getHeight());
        double x = Math.min(Math.max(saved.x(), target.getMinX()), target.getMaxX() - w);
        double y = Math.min(Math.max(saved.y(), target.getMinY()), target.getMaxY() - h);
        return new Placement(x, y, w, h, saved.maximized());
    }

    private static double overlap(Rectangle2D a, Rectangle2D b) {
        double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return w > 0 && h > 0 ? w * h : 0;
    }

    /** The placement saved for {@code setup}, or null (none, or an unreadable file: the window opens centered). */
    Placement load(String setup) {
        Properties p = read();
        try {
            String x = p.getProperty(setup + ".x");
            if (x == null) {
                return null;
            }
            Placement s = new Placement(Double.parseDouble(x), Double.parseDouble(p.getProperty(setup + ".y")),
                    Double.parseDouble(p.getProperty(setup + ".width")), Double.parseDouble(p.getProperty(setup + ".height")),
                    Boolean.parseBoolean(p.getProperty(setup + ".maximized")));
            return s.width() > 0 && s.height() > 0 && Double.isFinite(s.x()) && Double.isFinite(s.y()) ? s : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** Saves {@code placement} for {@code setup}, keeping the other setups' placements; writes atomically. */
    void save(String setup, Placement placement) throws IOException {
        Properties p = read();
        p.setProperty(setup + ".x", Double.toString(placement.x()));
        p.setProperty(setup + ".y", Double.toString(placement.y()));
        p.setProperty(setup + ".width", Double.toString(placement.width()));
        p.setProperty(setup + ".height", Double.toString(placement.height()));
        p.setProperty(setup + ".maximized", Boolean.toString(placement.maximized()));
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "Enclave window placement per screen setup");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Properties read() {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException unreadable) {
                p.clear(); // rewritten on the next save
            }
        }
        return p;
    }

    /**
     * Places {@code stage} as it was last time on this screen setup (call before {@code show()}), and remembers its
     * placement when it is hidden. The first time it opens at {@code width} x {@code height}, shrunk to fit the
     * primary screen.
     */
    public void manage(Stage stage, double width, double height) {
        List<Rectangle2D> full = new ArrayList<>();
        List<Rectangle2D> visual = new ArrayList<>();
        List<Screen> screens = new ArrayList<>(Screen.getScreens());
        screens.remove(Screen.getPrimary());
        screens.add(0, Screen.getPrimary());
        for (Screen s : screens) {
            full.add(s.getBounds());
            visual.add(s.getVisualBounds());
        }
        String setup = setupKey(full);
        Placement saved = load(setup);
        if (saved == null) {
            Rectangle2D primary = visual.get(0);
            double w = Math.min(width, primary.getWidth());
            double h = Math.min(height, primary.getHeight());
            stage.setWidth(w);
            stage.setHeight(h);
            stage.setX(primary.getMinX() + (primary.getWidth() - w) / 2);
            stage.setY(primary.getMinY() + (primary.getHeight() - h) / 2);
        } else {
            Placement p = fit(saved, visual, stage.getMinWidth(), stage.getMinHeight());
            stage.setX(p.x());
            stage.setY(p.y());
            stage.setWidth(p.width());
            stage.setHeight(p.height());
            stage.setMaximized(p.maximized());
        }
        // The normal bounds are tracked while not maximized, so un-maximizing next time returns to them.
        double[] normal = {stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()};
        Runnable track = () -> {
            if (!stage.isMaximized() && !stage.isIconified() && stage.getWidth() > 0) {
                normal[0] = stage.getX();
                normal[1] = stage.getY();
                normal[2] = stage.getWidth();
                normal[3] = stage.getHeight();
            }
        };
        stage.xProperty().addListener(o -> track.run());
        stage.yProperty().addListener(o -> track.run());
        stage.widthProperty().addListener(o -> track.run());
        stage.heightProperty().addListener(o -> track.run());
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> {
            try {
                save(setup, new Placement(normal[0], normal[1], normal[2], normal[3], stage.isMaximized()));
            } catch (IOException notSaved) {
                // The window opens centered next time; nothing else depends on this file.
                org.slf4j.LoggerFactory.getLogger(WindowPlacement.class).warn("Could not save the window placement to {}: {}",
                        file, notSaved.getMessage());
            }
        });
    }
}
