package io.enclave.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.ui.UiTestSupport;
import io.enclave.ui.shell.WindowPlacement.Placement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The main window comes back where it was, per screen setup, and always fits the screens there are now. */
@ExtendWith(ApplicationExtension.class)
class WindowPlacementTest {
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1366, 728);
    private static final Rectangle2D EXTERNAL = new Rectangle2D(1366, 0, 2560, 1400);

    @TempDir
    Path home;

    @Test
    void aPlacementThatFitsIsKeptAsItWas() {
        Placement p = new Placement(1500, 100, 1600, 1000, false);
        assertThat(WindowPlacement.fit(p, List.of(LAPTOP, EXTERNAL), 980, 640)).isEqualTo(p);
    }

    @Test
    void aWindowFromABiggerMonitorShrinksToTheSmallerOneAndMovesInside() {
        Placement fromExternal = new Placement(1800, 300, 2000, 1200, true);
        Placement fitted = WindowPlacement.fit(fromExternal, List.of(LAPTOP), 980, 640);
        assertThat(fitted).isEqualTo(new Placement(0, 0, 1366, 728, true));
    }

    @Test
    void aWindowMostlyOffScreenIsPulledBackOntoTheScreenItOverlapsMost() {
        Placement offRight = new Placement(3500, 500, 1200, 800, false);
        Placement fitted = WindowPlacement.fit(offRight, List.of(LAPTOP, EXTERNAL), 980, 640);
        assertThat(fitted).isEqualTo(new Placement(3926 - 1200, 500, 1200, 800, false));
        Placement nowhere = new Placement(-5000, -5000, 1000, 700, false);
        assertThat(WindowPlacement.fit(nowhere, List.of(LAPTOP, EXTERNAL), 980, 640))
                .isEqualTo(new Placement(0, 0, 1000, 700, false));
    }

    @Test
    void aTinySavedWindowGrowsToTheMinimumSizeWhenTheScreenAllows() {
        Placement tiny = new Placement(10, 10, 200, 100, false);
        assertThat(WindowPlacement.fit(tiny, List.of(EXTERNAL, LAPTOP), 980, 640))
                .isEqualTo(new Placement(10, 10, 980, 640, false));
    }

    @Test
    void eachScreenSetupKeepsItsOwnPlacementAndAnUnreadableFileIsIgnored() throws Exception {
        WindowPlacement store = new WindowPlacement(home);
        String laptop = WindowPlacement.setupKey(List.of(LAPTOP));
        String docked = WindowPlacement.setupKey(List.of(LAPTOP, EXTERNAL));
        assertThat(laptop).isNotEqualTo(docked);
        store.save(laptop, new Placement(10, 20, 1000, 700, false));
        store.save(docked, new Placement(1400, 20, 2000, 1300, true));
        assertThat(new WindowPlacement(home).load(laptop)).isEqualTo(new Placement(10, 20, 1000, 700, false));
        assertThat(new WindowPlacement(home).load(docked)).isEqualTo(new Placement(1400, 20, 2000, 1300, true));
        assertThat(store.load(WindowPlacement.setupKey(List.of(EXTERNAL)))).isNull();

        Files.writeString(home.resolve(WindowPlacement.FILE), laptop + ".x=left\n" + laptop + ".y=0\n");
        assertThat(store.load(laptop)).isNull();
        Files.write(home.resolve(WindowPlacement.FILE), new byte[] {(byte) 0xff, '\\', 'u', 'z', 'z'});
        assertThat(store.load(laptop)).isNull();
        store.save(laptop, new Placement(10, 20, 1000, 700, false));
        assertThat(store.load(laptop)).isEqualTo(new Placement(10, 20, 1000, 700, false));
    }

    @Test
    void theRealWindowReopensWhereItWasClosedAndFitsTheScreen() throws Exception {
        Rectangle2D screen = WaitForAsyncUtils.asyncFx(() -> Screen.getPrimary().getVisualBounds()).get();
        double w = Math.min(700, screen.getWidth() - 40);
        double h = Math.min(500, screen.getHeight() - 40);

        Stage first = open(400, 300);
        UiTestSupport.fx(() -> {
            first.setX(screen.getMinX() + 30);
            first.setY(screen.getMinY() + 25);
            first.setWidth(w);
            first.setHeight(h);
        });
        UiTestSupport.fx(first::hide);
        assertThat(Files.readString(home.resolve(WindowPlacement.FILE))).contains(".width=" + w);

        Stage second = open(400, 300);
        assertThat(new double[] {second.getX(), second.getY(), second.getWidth(), second.getHeight()})
                .containsExactly(screen.getMinX() + 30, screen.getMinY() + 25, w, h);
        UiTestSupport.fx(second::hide);

        // Saved on a monitor bigger than this one: the window comes back inside the screen.
        String setup = WaitForAsyncUtils.asyncFx(() -> WindowPlacement.setupKey(Screen.getScreens().stream()
                .map(Screen::getBounds).toList())).get();
        new WindowPlacement(home).save(setup, new Placement(screen.getMaxX() - 100, screen.getMaxY() - 100,
                screen.getWidth() * 2, screen.getHeight() * 2, false));
        Stage third = open(400, 300);
        assertThat(third.getX()).isGreaterThanOrEqualTo(screen.getMinX());
        assertThat(third.getY()).isGreaterThanOrEqualTo(screen.getMinY());
        assertThat(third.getX() + third.getWidth()).isLessThanOrEqualTo(screen.getMaxX());
        assertThat(third.getY() + third.getHeight()).isLessThanOrEqualTo(screen.getMaxY());
        UiTestSupport.fx(third::hide);
    }

    private Stage open(double width, double height) throws Exception {
        AtomicReference<Stage> stage = new AtomicReference<>();
        UiTestSupport.fx(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(new Pane()));
            new WindowPlacement(home).manage(s, width, height);
            s.show();
            stage.set(s);
        });
        return stage.get();
    }
}
