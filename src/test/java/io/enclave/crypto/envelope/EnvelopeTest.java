package io.enclave.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.crypto.GcmProvider;
import io.enclave.crypto.GcmProviders;
import io.enclave.testsupport.NodeScript;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every envelope test runs with each AES-256-GCM provider the app may select (GcmProviders). */
@ParameterizedClass(name = "{0}")
@MethodSource("io.enclave.crypto.GcmProviders#all")
class EnvelopeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final int SEG = 1024;
    private static final Path ORACLE = NodeScript.resource(EnvelopeTest.class, "envelope-oracle.js");
    private final SecureRandom random = new SecureRandom();
    private final GcmProvider gcm;
    private final Envelope envelope;
    private final byte[] key;
    private final byte[] hash;

    EnvelopeTest(GcmProvider gcm) {
        this.gcm = gcm;
        this.envelope = new Envelope(random, SEG, gcm);
        this.key = envelope.newContentKey();
        this.hash = bytes(32);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private byte[] seal(byte[] plain) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        envelope.encrypt(new ByteArrayInputStream(plain), out, key, hash);
        return out.toByteArray();
    }

    private byte[] open(byte[] sealed, byte[] k, byte[] expectedHash) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        envelope.decrypt(new ByteArrayInputStream(sealed), out, k, expectedHash);
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, SEG - 1, SEG, SEG + 1, 3 * SEG, 3 * SEG + 17})
    void roundTripsEverySizeAroundSegmentBoundaries(int size) throws Exception {
        byte[] plain = bytes(size);
        byte[] sealed = seal(plain);
        int segments = Math.max(1, (size + SEG - 1) / SEG);
        assertThat(sealed).hasSize(EnvelopeHeader.LENGTH + size + 16 * segments);
        assertThat(open(sealed, key, hash)).isEqualTo(plain);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, SEG, 2 * SEG + 3})
    void byteForByteTheSameAsAnIndependentImplementation(int size) throws Exception {
        byte[] plain = bytes(size);
        byte[] nonce = bytes(12);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        envelope.encrypt(new ByteArrayInputStream(plain), out, key, hash, nonce);
        String expected = NodeScript.call(ORACLE, Map.of("key", HEX.formatHex(key), "nonce", HEX.formatHex(nonce),
                "hash", HEX.formatHex(hash), "segment", SEG, "plaintext", HEX.formatHex(plain))).get("envelope").asText();
        assertThat(HEX.formatHex(out.toByteArray())).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, SEG, 3 * SEG + 17})
    void whatOneProviderSealsEveryProviderOpensByteForByte(int size) throws Exception {
        byte[] plain = bytes(size);
        byte[] nonce = bytes(12);
        ByteArrayOutputStream mine = new ByteArrayOutputStream();
        envelope.encrypt(new ByteArrayInputStream(plain), mine, key, hash, nonce);
        for (GcmProvider other : GcmProviders.all()) {
            Envelope theirs = new Envelope(random, SEG, other);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            theirs.encrypt(new ByteArrayInputStream(plain), out, key, hash, nonce);
            assertThat(out.toByteArray()).as(other.description()).isEqualTo(mine.toByteArray());
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            theirs.decrypt(new ByteArrayInputStream(mine.toByteArray()), back, key, hash);
            assertThat(back.toByteArray()).isEqualTo(plain);
        }
    }

    @Test
    void everyAlteredByteIsRejected() throws Exception {
        byte[] sealed = seal(bytes(2 * SEG + 10));
        for (int i = 0; i < sealed.length; i += (i < EnvelopeHeader.LENGTH ? 1 : 37)) {
            byte[] bad = sealed.clone();
            bad[i] ^= 0x40;
            int at = i;
            assertThatThrownBy(() -> open(bad, key, hash)).as("byte %d", at).isInstanceOf(EnvelopeException.class);
        }
    }

    @Test
    void truncationAtASegmentBoundaryReorderingAndAppendingAreRejected() throws Exception {
        byte[] sealed = seal(bytes(3 * SEG));
        int chunk = SEG + 16;
        byte[] cut = Arrays.copyOf(sealed, EnvelopeHeader.LENGTH + 2 * chunk);
        assertThatThrownBy(() -> open(cut, key, hash)).isInstanceOf(EnvelopeException.class).hasMessageContaining("truncated");

        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, EnvelopeHeader.LENGTH, swapped, EnvelopeHeader.LENGTH + chunk, chunk);
        System.arraycopy(sealed, EnvelopeHeader.LENGTH + chunk, swapped, EnvelopeHeader.LENGTH, chunk);
        assertThatThrownBy(() -> open(swapped, key, hash)).isInstanceOf(EnvelopeException.class);

        byte[] longer = Arrays.copyOf(sealed, sealed.length + chunk);
        System.arraycopy(sealed, EnvelopeHeader.LENGTH, longer, sealed.length, chunk);
        assertThatThrownBy(() -> open(longer, key, hash)).isInstanceOf(EnvelopeException.class);

        assertThatThrownBy(() -> open(Arrays.copyOf(sealed, 20), key, hash)).hasMessageContaining("shorter than its header");
    }

    @Test
    void wrongKeyWrongCredentialAndUnknownVersionSayWhat() throws Exception {
        byte[] sealed = seal(bytes(100));
        assertThatThrownBy(() -> open(sealed, envelope.newContentKey(), hash)).hasMessageContaining("key is wrong");
        assertThatThrownBy(() -> open(sealed, key, bytes(32))).hasMessageContaining("another credential");
        byte[] v2 = sealed.clone();
        v2[4] = 2;
        assertThatThrownBy(() -> open(v2, key, hash)).hasMessageContaining("version 2 is not supported");
        byte[] notOurs = sealed.clone();
        notOurs[0] = 'X';
        assertThatThrownBy(() -> open(notOurs, key, hash)).hasMessageContaining("Not an Enclave encrypted package");
    }

    @Test
    void streamsLargePayloadsThroughBoundedBuffers() throws Exception {
        // 96 MiB through the default 1 MiB segments; neither side ever holds the whole payload.
        long size = 96L << 20;
        Envelope big = new Envelope(random, Envelope.DEFAULT_SEGMENT, gcm);
        java.io.PipedInputStream pipeIn = new java.io.PipedInputStream(1 << 20);
        java.io.PipedOutputStream pipeOut = new java.io.PipedOutputStream(pipeIn);
        Thread writer = new Thread(() -> {
            try (OutputStream o = pipeOut) {
                big.encrypt(new PatternStream(size), o, key, hash);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        CountingSink sink = new CountingSink();
        big.decrypt(pipeIn, sink, key, hash);
        writer.join();
        assertThat(sink.count).isEqualTo(size);
        assertThat(sink.mismatches).isZero();
    }

    /** Deterministic bytes (i mod 251) without an array of the full size. */
    private static final class PatternStream extends InputStream {
        private final long size;
        private long pos;

        PatternStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return pos < size ? (int) (pos++ % 251) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pos);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) (pos++ % 251);
            }
            return n;
        }
    }

    private static final class CountingSink extends OutputStream {
        long count;
        long mismatches;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                if (b[off + i] != (byte) ((count + i) % 251)) {
                    mismatches++;
                }
            }
            count += len;
        }
    }
}
