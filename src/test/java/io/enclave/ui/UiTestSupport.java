package io.enclave.ui;

import io.enclave.crypto.Argon2id;
import io.enclave.ui.shell.ShellController;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Small helpers for the headless screen tests. */
public final class UiTestSupport {
    /** Cheap key derivation for tests: the wallet format is the same, only the cost differs. */
    public static final Argon2id.Params TEST_KDF = new Argon2id.Params(8 * 1024, 1, 1);

    private UiTestSupport() {
    }

    /** The main scene over {@code folder} without starting the local devnet. */
    public static Scene scene(Path folder) {
        System.setProperty("enclave.devnet", "off");
        try {
            return StudioApp.createScene(folder, TEST_KDF);
        } finally {
            System.clearProperty("enclave.devnet");
        }
    }

    public static ShellController shell(Scene scene) {
        return (ShellController) scene.getUserData();
    }

    /** Waits (polling on the FX thread) until {@code condition} holds. */
    public static void waitFx(int seconds, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    public static <T extends Node> T find(FxRobot robot, String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    public static boolean visible(FxRobot robot, String query) {
        Node n = robot.lookup(query).tryQuery().orElse(null);
        if (n == null || n.getScene() == null) {
            return false;
        }
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Runs on the FX thread and waits. */
    public static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Saves light and dark PNGs of the scene (the theme is switched and switched back). */
    public static void screenshots(Scene scene, String name) throws Exception {
        fx(() -> ShellController.applyTheme(false));
        WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, name + "-light")).get();
        fx(() -> ShellController.applyTheme(true));
        WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, name + "-dark")).get();
        fx(() -> ShellController.applyTheme(false));
    }
}
