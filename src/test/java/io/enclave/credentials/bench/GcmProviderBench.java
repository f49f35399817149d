package io.enclave.credentials.bench;

import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM on 1 MiB blocks: the JDK's provider (what {@code Envelope} uses) against Bouncy Castle's lightweight
 * GCM ({@code GCMBlockCipher} over {@code AESEngine}), encrypt and decrypt, to set beside
 * {@code openssl speed -evp aes-256-gcm} (16384-byte column). Not a test; run by hand:
 * <pre>
 *   java -cp target/classes:target/test-classes:$(cat cp.txt) io.enclave.credentials.bench.GcmProviderBench [seconds]
 * </pre>
 */
public final class GcmProviderBench {
    private static final int BLOCK = 1 << 20;

    private GcmProviderBench() {
    }

    private interface Op {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        byte[] plain = new byte[BLOCK];
        random.nextBytes(key);
        random.nextBytes(plain);
        byte[] out = new byte[BLOCK + 16];
        byte[] back = new byte[BLOCK + 16];

        SecretKeySpec spec = new SecretKeySpec(key, "AES");
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        Op jdkEnc = () -> {
            nonce[0]++;
            jdk.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
            jdk.doFinal(plain, 0, BLOCK, out, 0);
        };
        Op jdkDec = () -> {
            jdk.init(Cipher.DECRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
            jdk.doFinal(out, 0, BLOCK + 16, back, 0);
        };
        byte[] aad = new byte[64];
        Op envelopeStyle = () -> { // Envelope's pattern: a Cipher per segment, AAD, doFinal into a new array
            nonce[0]++;
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            byte[] sealed = c.doFinal(plain, 0, BLOCK);
            if (sealed.length != BLOCK + 16) {
                throw new IllegalStateException();
            }
        };
        Op aadInPlace = () -> { // the same with AAD, one reused Cipher, output into a preallocated array
            nonce[0]++;
            jdk.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
            jdk.updateAAD(aad);
            jdk.doFinal(plain, 0, BLOCK, out, 0);
        };
        GCMModeCipher bc = GCMBlockCipher.newInstance(AESEngine.newInstance());
        Op bcEnc = () -> {
            nonce[0]++;
            bc.init(true, new AEADParameters(new KeyParameter(key), 128, nonce));
            int n = bc.processBytes(plain, 0, BLOCK, out, 0);
            bc.doFinal(out, n);
        };
        Op bcDec = () -> {
            bc.init(false, new AEADParameters(new KeyParameter(key), 128, nonce));
            int n = bc.processBytes(out, 0, BLOCK + 16, back, 0);
            bc.doFinal(back, n);
        };
        for (Op warm : new Op[] {jdkEnc, jdkDec, bcEnc, bcDec, envelopeStyle, aadInPlace}) {
            for (int i = 0; i < 300; i++) { // as EnvelopeBench: enough calls for C2 and the AES/GHASH intrinsics
                if (warm == jdkDec) {
                    jdkEnc.run();
                } else if (warm == bcDec) {
                    bcEnc.run();
                }
                warm.run();
            }
        }
        jdkEnc.run();
        double je = measure(seconds, jdkEnc);
        jdkEnc.run();
        double jd = measure(seconds, jdkDec);
        bcEnc.run();
        double be = measure(seconds, bcEnc);
        bcEnc.run();
        double bd = measure(seconds, bcDec);
        double ee = measure(seconds, envelopeStyle);
        double ae = measure(seconds, aadInPlace);
        System.out.printf("java %s (%s), %d cores%n", System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("JDK  AES-256-GCM 1 MiB: encrypt %.1f MB/s, decrypt %.1f MB/s%n", je, jd);
        System.out.printf("BC   AES-256-GCM 1 MiB: encrypt %.1f MB/s, decrypt %.1f MB/s%n", be, bd);
        System.out.printf("JDK  Envelope's pattern (new Cipher, AAD, doFinal to a new array): encrypt %.1f MB/s%n", ee);
        System.out.printf("JDK  reused Cipher, AAD, doFinal into a preallocated array: encrypt %.1f MB/s%n", ae);
    }

    private static double measure(int seconds, Op op) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        long blocks = 0;
        while (System.nanoTime() < deadline) {
            op.run();
            blocks++;
        }
        return blocks * (double) BLOCK / ((System.nanoTime() - start) / 1e9) / 1e6;
    }
}
