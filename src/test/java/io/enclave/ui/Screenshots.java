package io.enclave.ui;

import io.enclave.testsupport.Toolchain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Saves a PNG of a scene under {@code <build>/screenshots/}, for people to look at. Call on the FX thread. */
public final class Screenshots {
    private Screenshots() {
    }

    public static Path save(Scene scene, String name) {
        WritableImage image = scene.snapshot(null);
        try {
            Path dir = Files.createDirectories(Toolchain.buildDir().resolve("screenshots"));
            Path file = dir.resolve(name + ".png");
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
