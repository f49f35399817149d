package io.enclave.credentials.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** Reading an input file within a size limit and decoding it as strict UTF-8, naming the line of a bad byte. */
final class SourceText {
    private SourceText() {
    }

    /** The file's bytes; refused, before reading, when larger than {@code limit}. */
    static byte[] readFile(Path file, long limit) throws ImportException {
        String name = file.getFileName().toString();
        try {
            long size = Files.size(file);
            if (size > limit) {
                throw new ImportException(name, 0, null, "the file has " + size + " bytes, more than the limit of " + limit
                        + " bytes for an import; a personal data export is much smaller — check that this is the right file");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return readBounded(in, limit, name);
            }
        } catch (NoSuchFileException e) {
            throw new ImportException(name, 0, null, "the file does not exist (" + file + ")", e);
        } catch (IOException e) {
            throw new ImportException(name, 0, null, "the file cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Reads at most {@code limit} bytes and fails past them, whatever size the stream claimed. */
    static byte[] readBounded(InputStream in, long limit, String name) throws IOException, ImportException {
        byte[] buf = new byte[8192];
        byte[] out = new byte[8192];
        int n = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            if ((long) n + r > limit) {
                throw new ImportException(name, 0, null, "more than " + limit + " bytes once unpacked, the limit for an import"
                        + " (the file may be a ZIP bomb, or not the export you meant)");
            }
            if (n + r > out.length) {
                out = Arrays.copyOf(out, Math.max(n + r, out.length * 2));
            }
            System.arraycopy(buf, 0, out, n, r);
            n += r;
        }
        return Arrays.copyOf(out, n);
    }

    /** Strict UTF-8 (a leading byte-order mark is dropped); an empty file or a malformed byte is an error. */
    static String decodeUtf8(byte[] bytes, String name) throws ImportException {
        int offset = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF
                ? 3 : 0;
        if (bytes.length - offset == 0) {
            throw new ImportException(name, 0, null, "the file is empty");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = offset; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new ImportException(name, line, null, "the file is not UTF-8 text (byte " + in.position() + " is invalid);"
                    + " save or export it as UTF-8 and try again");
        }
        out.flip();
        return out.toString();
    }
}
