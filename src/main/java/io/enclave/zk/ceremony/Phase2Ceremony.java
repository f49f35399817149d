package io.enclave.zk.ceremony;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A multi-party phase-2 ceremony, run with the pinned snarkjs of the build toolchain (Node.js): contribute to a
 * circuit's zkey, and verify a zkey against its r1cs and the powers of tau. This is a deployment-time tool for the
 * people who run a ceremony; the desktop's proving and verifying stay in Java and never need Node.js.
 *
 * <p>The contributor's entropy (random bytes from the caller, plus any text they typed) reaches snarkjs on its
 * standard input — never on the command line — and snarkjs mixes in 64 bytes of its own randomness.
 */
public final class Phase2Ceremony {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern HEX_LINE = Pattern.compile("^\\s*((?:[0-9a-f]{8}\\s*){4})$");

    private final String node;
    private final Path snarkjsCli;

    public Phase2Ceremony(String node, Path snarkjsCli) {
        this.node = node;
        this.snarkjsCli = snarkjsCli;
    }

    /** A finished contribution: snarkjs's contribution hash (blake2b-512, hex) and its log. */
    public record Contribution(String hash, String log) {
    }

    /** The outcome of a verification: whether the zkey is sound, its contributions (name and hash), and the log. */
    public record Verification(boolean ok, List<String> contributions, String reason, String log) {
    }

    /**
     * Adds a contribution: reads {@code in}, writes {@code out} (which must not exist). {@code entropy} is wiped.
     *
     * @throws CeremonyException when snarkjs refuses (the message says why) or the output was not written
     */
    public Contribution contribute(Path in, Path out, String name, char[] entropy) {
        if (Files.exists(out)) {
            Arrays.fill(entropy, '\0');
            throw new CeremonyException(out + " already exists; choose a new file for the contribution");
        }
        if (name == null || name.isBlank() || name.contains("\n")) {
            Arrays.fill(entropy, '\0');
            throw new CeremonyException("A contribution needs a name (one line), e.g. your name or organisation");
        }
        Result r = run(List.of("zkey", "contribute", in.toString(), out.toString(), "--name=" + name), entropy);
        if (r.code != 0 || !Files.exists(out)) {
            throw new CeremonyException("snarkjs did not contribute: " + lastError(r.log));
        }
        String hash = hashAfter(r.log, "Contribution Hash:");
        if (hash == null) {
            throw new CeremonyException("snarkjs finished without printing a contribution hash:\n" + r.log);
        }
        return new Contribution(hash, r.log);
    }

    /** Verifies {@code zkey} against the circuit's r1cs and the powers of tau (every contribution's proof). */
    public Verification verify(Path r1cs, Path ptau, Path zkey) {
        for (Path p : List.of(r1cs, ptau, zkey)) {
            if (!Files.isReadable(p)) {
                throw new CeremonyException("Cannot read " + p);
            }
        }
        Result r = run(List.of("zkey", "verify", r1cs.toString(), ptau.toString(), zkey.toString()), null);
        boolean ok = r.code == 0 && r.log.contains("ZKey Ok!");
        return new Verification(ok, contributions(r.log), ok ? null : lastError(r.log), r.log);
    }

    private record Result(int code, String log) {
    }

    private Result run(List<String> args, char[] stdin) {
        List<String> cmd = new ArrayList<>(List.of(node, snarkjsCli.toString()));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (OutputStream o = p.getOutputStream()) {
                if (stdin != null) {
                    ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(stdin));
                    byte[] line = new byte[bytes.remaining() + 1];
                    bytes.get(line, 0, line.length - 1);
                    line[line.length - 1] = '\n';
                    o.write(line);
                    Arrays.fill(line, (byte) 0);
                    Arrays.fill(bytes.array(), (byte) 0);
                }
            } finally {
                if (stdin != null) {
                    Arrays.fill(stdin, '\0');
                }
            }
            String log;
            try (InputStream out = p.getInputStream()) {
                log = ANSI.matcher(new String(out.readAllBytes(), StandardCharsets.UTF_8)).replaceAll("");
            }
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new CeremonyException("snarkjs did not finish within 30 minutes");
            }
            return new Result(p.exitValue(), log);
        } catch (IOException e) {
            throw new CeremonyException("Could not run " + node + " " + snarkjsCli + ": " + e.getMessage()
                    + ". The ceremony commands need Node.js 20+ and the build toolchain (npm ci).", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CeremonyException("Interrupted", e);
        }
    }

    /** The 4 hex lines (512 bits) snarkjs prints under {@code label}, joined. */
    static String hashAfter(String log, String label) {
        String[] lines = log.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(label)) {
                StringBuilder h = new StringBuilder();
                for (int j = i + 1; j < lines.length && h.length() < 128; j++) {
                    Matcher m = HEX_LINE.matcher(lines[j]);
                    if (!m.matches()) {
                        break;
                    }
                    h.append(m.group(1).replaceAll("\\s", ""));
                }
                return h.length() == 128 ? h.toString() : null;
            }
        }
        return null;
    }

    static List<String> contributions(String log) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("contribution #(\\d+) ?([^\\n]*):").matcher(log);
        while (m.find()) {
            String hash = hashAfter(log.substring(m.start()), "contribution #" + m.group(1));
            out.add("#" + m.group(1) + " " + m.group(2).trim() + " " + (hash == null ? "?" : hash));
        }
        // snarkjs lists the newest first; show them in ceremony order
        out.sort(java.util.Comparator.comparingInt(c -> Integer.parseInt(c.substring(1, c.indexOf(' ')))));
        return out;
    }

    private static String lastError(String log) {
        String last = null;
        for (String line : log.split("\n")) {
            if (line.contains("[ERROR]") || line.contains("Error:") || line.contains("INVALID")) {
                last = line.replaceFirst(".*\\[ERROR\\]\\s*snarkJS:\\s*", "").trim();
            }
        }
        return last != null ? last : "see the snarkjs log";
    }
}
