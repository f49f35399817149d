package io.enclave.ui.wallet;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/** QR codes as JavaFX images (ZXing core encodes; always black on white so phones can read them in dark mode). */
public final class QrCodes {
    private QrCodes() {
    }

    /** The matrix for {@code text}, with the 4-module quiet zone the QR standard asks for (scanners rely on it). */
    public static BitMatrix matrix(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot make a QR code of this text: " + e.getMessage(), e);
        }
    }

    /** An image {@code scale} pixels per module. */
    public static Image image(String text, int scale) {
        BitMatrix m = matrix(text);
        WritableImage img = new WritableImage(m.getWidth() * scale, m.getHeight() * scale);
        PixelWriter w = img.getPixelWriter();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                Color c = m.get(x, y) ? Color.BLACK : Color.WHITE;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        w.setColor(x * scale + dx, y * scale + dy, c);
                    }
                }
            }
        }
        return img;
    }
}
