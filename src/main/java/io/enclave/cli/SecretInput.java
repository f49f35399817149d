package io.enclave.cli;

import io.enclave.crypto.Secrets;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * Where a command reads its password: a terminal prompt without echo, a file, or an inherited file descriptor.
 * Never from an argument (arguments are visible to every user of the machine).
 */
public final class SecretInput {
    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the wallet password from the first line of FILE instead of prompting.")
    Path passwordFile;

    @Option(names = "--password-fd", paramLabel = "N",
            description = "Read the wallet password from file descriptor N (e.g. 3 with `3<secret`).")
    Integer passwordFd;

    /** Reads the password; with {@code confirm} a terminal asks twice. The caller wipes the result. */
    public char[] password(String prompt, boolean confirm) {
        if (passwordFile != null) {
            return fromFile(passwordFile, "--password-file");
        }
        if (passwordFd != null) {
            return fromFile(Path.of("/dev/fd/" + passwordFd), "--password-fd " + passwordFd);
        }
        return prompt(prompt, confirm, "the password", "--password-file or --password-fd");
    }

    /** Prompts on the terminal without echo; explains the alternative when there is no terminal. */
    static char[] prompt(String prompt, boolean confirm, String what, String alternative) {
        Console c = System.console();
        if (c == null) {
            throw new UserError("There is no terminal to ask for " + what + ": use " + alternative + ".");
        }
        char[] first = c.readPassword("%s: ", prompt);
        if (first == null) {
            throw new UserError("No input for " + what + ".");
        }
        if (confirm) {
            char[] again = c.readPassword("Repeat %s: ", prompt.toLowerCase(java.util.Locale.ROOT));
            try {
                if (!Arrays.equals(first, again)) {
                    Secrets.wipe(first);
                    throw new UserError("The two entries differ; nothing was changed.");
                }
            } finally {
                Secrets.wipe(again);
            }
        }
        return first;
    }

    /** The first line of a file (or all of it for multi-word secrets), without the line break. */
    static char[] fromFile(Path file, String source) {
        byte[] all = null;
        try (InputStream in = Files.newInputStream(file)) {
            all = in.readNBytes(64 * 1024);
            int end = 0;
            while (end < all.length && all[end] != '\n' && all[end] != '\r') {
                end++;
            }
            byte[] line = Arrays.copyOf(all, end);
            try {
                char[] out = Secrets.chars(line);
                if (out.length == 0) {
                    throw new UserError(source + " is empty: it must hold the secret on its first line.");
                }
                return out;
            } finally {
                Secrets.wipe(line);
            }
        } catch (IOException e) {
            throw new UserError("Cannot read " + source + ": " + e.getMessage(), e);
        } finally {
            Secrets.wipe(all);
        }
    }
}
