package io.enclave.ui.issuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.chain.EstimatedGas;
import io.enclave.chain.Network;
import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.attest.AttestationException;
import io.enclave.credentials.attest.AttestationFile;
import io.enclave.credentials.attest.AttestationIssuer;
import io.enclave.credentials.chain.OnChainIssuerRegistry;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.schema.Attribute;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.SchemaException;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.credentials.zk.IssuerKeyFile;
import io.enclave.crypto.Argon2id;
import io.enclave.crypto.ecies.Secp256k1Ecies;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.utils.Numeric;

/**
 * What the issuer screen does, without JavaFX: the password-protected BabyJubJub key ({@link IssuerKeyFile}), its
 * registration in the network's CredentialRegistry, and signing an attribute for a subject into an attestation file
 * encrypted to the subject's public key. Calls block; the screen runs them in the background.
 */
public final class IssuerService {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path folder;
    private final Argon2id.Params kdf;
    private final SchemaRegistry schemas;
    private final Clock clock;

    /** {@code folder} is the issuer's folder (its key and the attestation files it writes). */
    public IssuerService(Path folder, Argon2id.Params kdf, SchemaRegistry schemas, Clock clock) {
        this.folder = folder;
        this.kdf = kdf;
        this.schemas = schemas;
        this.clock = clock;
    }

    public Path folder() {
        return folder;
    }

    public Path defaultKeyFile() {
        return folder.resolve("issuer-key.json");
    }

    public Path issuedFolder() {
        return folder.resolve("issued");
    }

    public SchemaRegistry schemas() {
        return schemas;
    }

    /** Creates a new issuer key encrypted with {@code password}; refuses to overwrite an existing file. */
    public Issuer create(Path file, char[] password) throws IOException {
        if (password.length < 10) {
            throw new IllegalArgumentException("Choose a signing-key password of at least 10 characters: whoever opens "
                    + "this key signs in your name.");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            return IssuerKeyFile.create(file, password, Issuer.Provenance.ISSUER, kdf);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " already holds a key: open it instead (nothing was overwritten).", e);
        }
    }

    /** Opens the key; the caller closes the signer (it wipes the key). */
    public EddsaAttestationSigner open(Path file, char[] password) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("No issuer key at " + file + ": create one first, or choose the file.");
        }
        return IssuerKeyFile.open(file, password);
    }

    /** Whether {@code issuer}'s key is registered (and active) in the network's CredentialRegistry. */
    public Registration registration(Network network, Issuer issuer) {
        String address = network.contracts().get("CredentialRegistry");
        if (address == null || network.rpcUrls().isEmpty()) {
            return new Registration(Registration.State.NO_REGISTRY, null, "The network " + network.name()
                    + " has no CredentialRegistry (start the devnet or choose a network in Settings).");
        }
        Web3j web3j = Web3j.build(new HttpService(network.rpcUrls().get(0)));
        try {
            long actual = web3j.ethChainId().send().getChainId().longValueExact();
            if (actual != network.chainId()) {
                return new Registration(Registration.State.UNKNOWN, null, "The RPC endpoint serves chain " + actual
                        + ", not " + network.chainId() + ": check Settings.");
            }
            OnChainIssuerRegistry registry = new OnChainIssuerRegistry(CredentialRegistry.load(address, web3j,
                    new ReadonlyTransactionManager(web3j, ZERO), new EstimatedGas(network.chainId())));
            String account = registry.accountOf(issuer);
            if (account == null) {
                return new Registration(Registration.State.NOT_REGISTERED, null, "Not registered on " + network.name()
                        + ": holders see attestations from this key as unverified. Governance registers it with "
                        + "registerIssuer(account, ax, ay, royalty).");
            }
            boolean active = registry.isRegistered(issuer);
            return new Registration(active ? Registration.State.REGISTERED : Registration.State.INACTIVE, account,
                    active ? "Registered on " + network.name() + " for issuer account " + account + "."
                            : "Registered for " + account + " but deactivated by governance: holders' checks fail.");
        } catch (IOException | RuntimeException e) {
            return new Registration(Registration.State.UNKNOWN, null, "Cannot read the registry at "
                    + network.rpcUrls().get(0) + ": " + e.getMessage());
        } finally {
            web3j.shutdown();
        }
    }

    /** The registration check's answer. */
    public record Registration(State state, String account, String message) {
        /** Registration states. */
        public enum State { REGISTERED, INACTIVE, NOT_REGISTERED, NO_REGISTRY, UNKNOWN }
    }

    /** The subject's address from its secp256k1 public key (hex, 64 bytes or 65 with the 04 prefix). */
    public static String subjectAddress(String publicKeyHex) {
        return "0x" + Keys.getAddress(Numeric.toHexStringNoPrefix(subjectKey(publicKeyHex)));
    }

    static byte[] subjectKey(String hex) {
        String h = hex == null ? "" : hex.strip();
        if (!h.matches("(0x)?[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("The subject's public key must be hex: 64 bytes, or 65 starting with 04.");
        }
        byte[] pub = Numeric.hexStringToByteArray(h);
        if (pub.length == 65 && pub[0] == 4) {
            pub = Arrays.copyOfRange(pub, 1, 65);
        }
        if (pub.length != 64) {
            throw new IllegalArgumentException("The subject's public key must be 64 bytes (or 65 starting with 04), not "
                    + pub.length + ": an address is not enough, the file is encrypted to the key.");
        }
        return pub;
    }

    /** Parses a value as a person writes it ("82,500.00", "2024-06-30", "Acme", "yes") into the attribute's JSON. */
    public static JsonNode parseValue(Attribute attribute, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("Enter the value of " + attribute.name() + ".");
        }
        switch (attribute.encoding()) {
            case INTEGER, SIGNED_INTEGER -> {
                String plain = t.replace(",", "");
                try {
                    if (!plain.matches("[+-]?\\d{1,30}(\\.\\d{1,30})?")) {
                        throw new NumberFormatException(); // no exponents: "1e999999999" would be a huge number
                    }
                    BigDecimal d = new BigDecimal(plain).movePointRight(attribute.decimals());
                    return NODES.numberNode(d.toBigIntegerExact());
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new IllegalArgumentException("'" + t + "' is not a number with at most " + attribute.decimals()
                            + " decimal places (" + attribute.name() + ").", e);
                }
            }
            case DATE -> {
                try {
                    return NODES.textNode(LocalDate.parse(t).toString());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + t + "' is not a date like 2026-06-30.", e);
                }
            }
            case BOOLEAN -> {
                String l = t.toLowerCase(Locale.ROOT);
                if (l.equals("true") || l.equals("yes")) {
                    return NODES.booleanNode(true);
                }
                if (l.equals("false") || l.equals("no")) {
                    return NODES.booleanNode(false);
                }
                throw new IllegalArgumentException("'" + t + "' is not yes/no (" + attribute.name() + ").");
            }
            default -> {
                return NODES.textNode(t);
            }
        }
    }

    /**
     * Signs {@code valueText} of {@code attribute} for the subject, valid until the end of {@code expires} (UTC), and
     * writes the file encrypted to the subject's key under {@link #issuedFolder()}. Nothing is written on bad input.
     */
    public IssuedAttestation issue(EddsaAttestationSigner signer, CredentialSchema schema, String attribute,
                                   String valueText, String subjectPublicKey, LocalDate expires)
            throws IOException, SchemaException, AttestationException {
        byte[] pub = subjectKey(subjectPublicKey);
        String subject = subjectAddress(subjectPublicKey);
        Attribute a = schema.attribute(attribute);
        JsonNode value = parseValue(a, valueText);
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Instant until = expires.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!until.isAfter(now)) {
            throw new IllegalArgumentException("The expiry " + expires + " is in the past: choose a later date.");
        }
        // One clock reading for both: the attestation's expiry is exactly the end of the chosen day.
        Attestation att = new AttestationIssuer(signer, new SecureRandom(), Clock.fixed(now, ZoneOffset.UTC))
                .attest(schema, attribute, value, Numeric.toBigInt(subject), Duration.between(now, until));
        byte[] sealed = new AttestationFile(new Secp256k1Ecies(), schemas).seal(att, pub);
        Files.createDirectories(issuedFolder());
        String hash = Numeric.toHexString(att.hash());
        Path out = issuedFolder().resolve(subject.substring(0, 10) + "-" + attribute + "-" + hash.substring(2, 10)
                + ".enclatt");
        Files.write(out, sealed, StandardOpenOption.CREATE_NEW);
        return new IssuedAttestation(hash, subject, schema.id(), attribute, att.expiresAt(), now, out);
    }

    /** The call data of {@code CredentialRegistry.revokeAttestation(hash)}, sent by the issuer's registered account. */
    public static String revokeCallData(String attestationHash) {
        return org.web3j.abi.FunctionEncoder.encode(new org.web3j.abi.datatypes.Function("revokeAttestation",
                List.of(new org.web3j.abi.datatypes.generated.Bytes32(Numeric.hexStringToByteArray(attestationHash))),
                List.of()));
    }

    /** The key's column in the issued log: its x coordinate in decimal. */
    public static String keyId(Issuer issuer) {
        return issuer.ax().toString();
    }

    /** A short display of the public key: first and last digits of ax and ay in hex. */
    public static String shortKey(Issuer issuer) {
        return shorten(issuer.ax()) + " · " + shorten(issuer.ay());
    }

    private static String shorten(BigInteger v) {
        String h = String.format("%064x", v);
        return "0x" + h.substring(0, 8) + "…" + h.substring(56);
    }
}
