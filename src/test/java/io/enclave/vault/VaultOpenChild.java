package io.enclave.vault;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Another Enclave process for {@link VaultTest}: reads the vault key (hex) from stdin — never argv — opens the vault in
 * {@code args[0]}, prints {@code OPENED} or {@code REFUSED <message>}, then holds it until stdin closes; a line
 * {@code note <text>} commits a row and answers {@code COMMITTED}.
 */
public final class VaultOpenChild {
    private VaultOpenChild() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        byte[] key = HexFormat.of().parseHex(in.readLine().trim());
        try (Vault v = Vault.open(Path.of(args[0]), key)) {
            v.activity();
            System.out.println("OPENED");
            System.out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                // hold the vault open until the parent closes our stdin (or kills us); "note X" commits a row
                if (line.startsWith("note ")) {
                    String body = line.substring(5);
                    v.jdbi().useHandle(h -> {
                        h.execute("CREATE TABLE IF NOT EXISTS note (body VARCHAR)");
                        h.execute("INSERT INTO note VALUES (?)", body);
                    });
                    System.out.println("COMMITTED");
                    System.out.flush();
                }
            }
        } catch (VaultException e) {
            System.out.println("REFUSED " + e.getMessage());
        }
    }
}
