package io.enclave.credentials.zk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.json.CanonicalJson;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.crypto.AesGcm;
import io.enclave.crypto.Argon2id;
import io.enclave.crypto.Secrets;
import io.enclave.zk.babyjub.EddsaPoseidon;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

/**
 * A BabyJubJub signing key at rest: {@code {"type": "EnclaveSigningKey", "version": 1, "provenance", "ax", "ay",
 * "kdf": {"algorithm": "argon2id", "memoryKiB", "iterations", "parallelism", "salt"}, "cipher": {"algorithm":
 * "AES-256-GCM", "nonce", "ciphertext"}}}. The 32-byte key is encrypted under an Argon2id key from the password; the
 * public part (provenance and key) is the AAD, so a file whose public key was swapped does not open.
 */
public final class IssuerKeyFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = "EnclaveSigningKey";

    private IssuerKeyFile() {
    }

    /** Generates a key, writes it encrypted (the file must not exist) and returns its public half. */
    public static Issuer create(Path file, char[] password, Issuer.Provenance provenance, Argon2id.Params params)
            throws IOException {
        byte[] key = EddsaPoseidon.generatePrivateKey();
        byte[] salt = Secrets.randomBytes(Argon2id.SALT_BYTES);
        byte[] kek = Argon2id.derive(password, salt, params, AesGcm.KEY_BYTES);
        try (EddsaAttestationSigner signer = new EddsaAttestationSigner(key, provenance)) {
            Issuer pub = signer.issuer();
            ObjectNode o = publicPart(pub);
            AesGcm.Sealed sealed = AesGcm.encrypt(kek, key, CanonicalJson.canonicalize(o));
            Base64.Encoder b64 = Base64.getEncoder();
            ObjectNode kdf = o.putObject("kdf");
            kdf.put("algorithm", Argon2id.ALGORITHM);
            kdf.put("memoryKiB", params.memoryKiB());
            kdf.put("iterations", params.iterations());
            kdf.put("parallelism", params.parallelism());
            kdf.put("salt", b64.encodeToString(salt));
            ObjectNode cipher = o.putObject("cipher");
            cipher.put("algorithm", AesGcm.ALGORITHM);
            cipher.put("nonce", b64.encodeToString(sealed.nonce()));
            cipher.put("ciphertext", b64.encodeToString(sealed.ciphertext()));
            Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o), StandardOpenOption.CREATE_NEW);
            return pub;
        } finally {
            Secrets.wipe(key, kek);
        }
    }

    /** Opens the key file; a wrong password or an altered file is an {@link IOException} saying so. */
    public static EddsaAttestationSigner open(Path file, char[] password) throws IOException {
        JsonNode o = JSON.readTree(Files.readAllBytes(file));
        if (!TYPE.equals(o.path("type").asText()) || o.path("version").asInt() != 1) {
            throw new IOException(file + " is not an Enclave signing key file (type/version)");
        }
        Issuer pub;
        byte[] salt;
        byte[] nonce;
        byte[] ciphertext;
        Argon2id.Params params;
        try {
            pub = new Issuer(Issuer.Provenance.ofId(o.path("provenance").asText()), new BigInteger(o.path("ax").asText()),
                    new BigInteger(o.path("ay").asText()));
            JsonNode kdf = o.path("kdf");
            JsonNode cipher = o.path("cipher");
            if (!Argon2id.ALGORITHM.equals(kdf.path("algorithm").asText())
                    || !AesGcm.ALGORITHM.equals(cipher.path("algorithm").asText())) {
                throw new IOException(file + " uses an unknown key derivation or cipher");
            }
            params = new Argon2id.Params(kdf.path("memoryKiB").asInt(), kdf.path("iterations").asInt(),
                    kdf.path("parallelism").asInt());
            Base64.Decoder b64 = Base64.getDecoder();
            salt = b64.decode(kdf.path("salt").asText());
            nonce = b64.decode(cipher.path("nonce").asText());
            ciphertext = b64.decode(cipher.path("ciphertext").asText());
        } catch (io.enclave.credentials.pkg.PackageException | IllegalArgumentException e) {
            throw new IOException(file + " is malformed: " + e.getMessage(), e);
        }
        byte[] kek = Argon2id.derive(password, salt, params, AesGcm.KEY_BYTES);
        byte[] key = null;
        try {
            key = AesGcm.decrypt(kek, nonce, ciphertext, CanonicalJson.canonicalize(publicPart(pub)));
            EddsaAttestationSigner signer = new EddsaAttestationSigner(key, pub.provenance());
            if (!signer.issuer().equals(pub)) {
                signer.close();
                throw new IOException(file + " holds a key that does not match its public key");
            }
            return signer;
        } catch (AesGcm.AuthenticationException e) {
            throw new IOException("Wrong password for signing key " + file + " (or the file was altered)", e);
        } finally {
            Secrets.wipe(kek, key);
        }
    }

    private static ObjectNode publicPart(Issuer pub) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", TYPE);
        o.put("version", 1);
        o.put("provenance", pub.provenance().id());
        o.put("ax", pub.ax().toString());
        o.put("ay", pub.ay().toString());
        return o;
    }
}
