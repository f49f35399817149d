package io.enclave.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationException;
import io.enclave.credentials.attest.AttestationFile;
import io.enclave.credentials.attest.AttestationIssuer;
import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.pkg.ContextBinding;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.LocalEciesKeyHolder;
import io.enclave.credentials.pkg.PackageException;
import io.enclave.credentials.pkg.PackageReader;
import io.enclave.credentials.pkg.RegistryContext;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaException;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.CredentialProver;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.credentials.zk.EddsaAttestationVerifier;
import io.enclave.credentials.zk.IssuerKeyFile;
import io.enclave.credentials.zk.PackageVerifier;
import io.enclave.credentials.zk.ProofException;
import io.enclave.crypto.Argon2id;
import io.enclave.crypto.Secrets;
import io.enclave.crypto.ecies.Secp256k1Ecies;
import io.enclave.wallet.UnlockedWallet;
import io.enclave.wallet.Wallets;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkProver;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code enclave credential signing-key|attest|prove|verify}: the issuer signs an attribute for a subject into an
 * attestation file encrypted to the subject; the holder checks it against the chain and proves a predicate into a
 * credential package; anyone verifies a package's proof. Secrets come from prompts or files (SecretInput), never argv;
 * attribute values are read from a file or standard input, never from arguments.
 */
final class CredentialFlowCommands {
    static final ObjectMapper JSON = new ObjectMapper();

    private CredentialFlowCommands() {
    }

    /** The wallet account's secp256k1 key as an ECIES key holder (the caller closes it). */
    static LocalEciesKeyHolder eciesKey(WalletContext ctx, SecretInput secrets, String account) {
        char[] pw = secrets.password("Wallet password", false);
        byte[] key = null;
        try (UnlockedWallet w = Wallets.unlock(ctx.wallet(), pw)) {
            key = Numeric.toBytesPadded(w.signer(ctx.account(account)).keyPair().getPrivateKey(), 32);
            return new LocalEciesKeyHolder(key);
        } finally {
            Secrets.wipe(pw);
            Secrets.wipe(key);
        }
    }

    static byte[] hash32(String hex, String what) {
        if (hex == null || !hex.matches("0x[0-9a-fA-F]{64}")) {
            throw new UserError(what + " must be 0x and 64 hex digits");
        }
        return Numeric.hexStringToByteArray(hex);
    }

    /** {@code enclave credential signing-key}: a new BabyJubJub signing key in an encrypted file. */
    @Command(name = "signing-key", mixinStandardHelpOptions = true,
            description = "Create a BabyJubJub signing key (issuer, or your own for self-attested data) in an encrypted file.")
    static final class SigningKey implements Runnable {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;
        @Mixin
        SecretInput secrets;

        @Option(names = "--out", required = true, description = "The key file to create (must not exist).")
        Path out;

        @Option(names = "--self-attested", description = "A holder's own key: what it signs is marked self-attested.")
        boolean selfAttested;

        @Override
        public void run() {
            char[] pw = secrets.password("New signing-key password", true);
            try {
                Issuer pub = IssuerKeyFile.create(out, pw, selfAttested ? Issuer.Provenance.SELF_ATTESTED
                        : Issuer.Provenance.ISSUER, Argon2id.Params.WALLET);
                PrintWriter o = spec.commandLine().getOut();
                o.println("Created " + out + " (" + pub.provenance().id() + " key, encrypted with your password).");
                o.println("BabyJubJub public key: ax=" + pub.ax() + " ay=" + pub.ay());
                if (!selfAttested) {
                    o.println("Governance registers it with CredentialRegistry.registerIssuer(account, ax, ay, royaltyBps).");
                }
                o.flush();
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new UserError(out + " exists; choose another --out (nothing was overwritten)", e);
            } catch (IOException e) {
                throw new UserError("Cannot write " + out + ": " + e.getMessage(), e);
            } finally {
                Secrets.wipe(pw);
            }
        }
    }

    /** {@code enclave credential attest}: issuer mode. */
    @Command(name = "attest", mixinStandardHelpOptions = true,
            description = "Sign an attribute value for a subject into an attestation file only the subject can open.")
    static final class Attest implements Runnable {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;
        @Mixin
        SecretInput secrets;

        @Option(names = "--signing-key", required = true, description = "The issuer's key file (signing-key).")
        Path keyFile;
        @Option(names = "--type", required = true, description = "education, employment, financial, identity or health.")
        String type;
        @Option(names = "--attribute", required = true, description = "The attribute, e.g. annualSalary.")
        String attribute;
        @Option(names = "--value-file", required = true, description = "JSON value of the attribute (e.g. 8250000 or "
                + "\"Acme\"); '-' reads standard input. Never passed as an argument: it is personal data.")
        String valueFile;
        @Option(names = "--subject-key", required = true, description = "The subject's secp256k1 public key (hex, 64 or "
                + "65 bytes); the subject's address is derived from it.")
        String subjectKey;
        @Option(names = "--valid-days", defaultValue = "365", description = "Validity in days (default: ${DEFAULT-VALUE}).")
        int validDays;
        @Option(names = "--out", required = true, description = "The attestation file to write.")
        Path out;

        @Override
        public void run() {
            JsonNode value = readValue(valueFile);
            byte[] pub = Numeric.hexStringToByteArray(subjectKey);
            if (pub.length == 65 && pub[0] == 4) {
                pub = java.util.Arrays.copyOfRange(pub, 1, 65);
            }
            if (pub.length != 64) {
                throw new UserError("--subject-key must be a 64-byte (or 65-byte, 04-prefixed) public key");
            }
            String subject = "0x" + Keys.getAddress(Numeric.toHexStringNoPrefix(pub));
            char[] pw = secrets.password("Signing-key password", false);
            SchemaRegistry schemas = SchemaRegistry.builtIn();
            try (EddsaAttestationSigner signer = IssuerKeyFile.open(keyFile, pw)) {
                CredentialSchema schema = schemas.latest(type);
                Attestation a = new AttestationIssuer(signer, new SecureRandom(), Clock.systemUTC()).attest(schema, attribute,
                        value, Numeric.toBigInt(subject), Duration.ofDays(validDays));
                Files.write(out, new AttestationFile(new Secp256k1Ecies(), schemas).seal(a, pub),
                        java.nio.file.StandardOpenOption.CREATE_NEW);
                PrintWriter o = spec.commandLine().getOut();
                o.println("Wrote " + out + " for " + subject + " (" + schema.id() + " / " + attribute + ", valid until "
                        + a.expiresAt() + "), encrypted to the subject's key.");
                o.println("Attestation hash (to revoke it later): " + Numeric.toHexString(a.hash()));
                o.flush();
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new UserError(out + " exists; nothing was overwritten", e);
            } catch (IOException | SchemaException | AttestationException | IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            } finally {
                Secrets.wipe(pw);
            }
        }

        private static JsonNode readValue(String source) {
            try {
                byte[] raw = "-".equals(source) ? System.in.readNBytes(64 * 1024) : Files.readAllBytes(Path.of(source));
                try {
                    return JSON.readTree(raw);
                } finally {
                    Secrets.wipe(raw);
                }
            } catch (IOException e) {
                throw new UserError("--value-file must hold one JSON value (a number, or a string in quotes): "
                        + e.getMessage(), e);
            }
        }
    }

    /** {@code enclave credential prove}: holder mode, check then prove. */
    @Command(name = "prove", mixinStandardHelpOptions = true,
            description = "Check an attestation (signature, issuer on-chain, expiry, revocation) and prove a predicate "
                    + "over it into a credential package (no attribute value is in it).")
    static final class Prove implements Runnable {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;
        @Mixin
        WalletContext ctx;
        @Mixin
        SecretInput secrets;

        @Option(names = "--attestation", required = true, description = "The attestation file you received.")
        Path attestation;
        @Option(names = "--account", description = "The wallet account it was issued to (default: the first).")
        String account;
        @Option(names = "--predicate", required = true, description = "Predicate id (see `credential schemas`).")
        String predicateId;
        @Option(names = "--constant", required = true, description = "A predicate constant as JSON (repeat for sets; "
                + "age: 18 then \"2026-11-29\").")
        List<String> constants;
        @Option(names = "--buyer", description = "Bind the proof to a sale: the buyer's address (with --listing).")
        String buyer;
        @Option(names = "--listing", description = "The listing id of the sale.")
        BigInteger listing;
        @Option(names = "--for-registry", description = "Bind the proof to CredentialRegistry.markVerified instead.")
        boolean forRegistry;
        @Option(names = "--out", required = true, description = "The package file to write (canonical JSON).")
        Path out;

        @Override
        public void run() {
            if (forRegistry == (buyer != null)) {
                throw new UserError("Give either --buyer and --listing (a sale) or --for-registry");
            }
            SchemaRegistry schemas = SchemaRegistry.builtIn();
            String holder = ctx.account(account);
            try (CredentialChain chain = new CredentialChain(ctx);
                 LocalEciesKeyHolder key = eciesKey(ctx, secrets, holder)) {
                Attestation a = new AttestationFile(new Secp256k1Ecies(), schemas).open(key, Files.readAllBytes(attestation));
                if (!a.subject().equals(Numeric.toBigInt(holder))) {
                    throw new UserError("The attestation was issued to " + String.format("0x%040x", a.subject())
                            + ", not to " + holder + ": only its subject can prove with it");
                }
                CheckedAttestation checked = new AttestationChecker(new EddsaAttestationVerifier(), chain.issuers(),
                        Clock.systemUTC()).check(a);
                CredentialSchema schema = schemas.get(a.schemaId());
                List<JsonNode> cs = new ArrayList<>();
                for (String c : constants) {
                    cs.add(JSON.readTree(c));
                }
                Predicate p = Predicate.create(schema, predicateId, cs);
                BigInteger context = forRegistry ? new RegistryContext(chain.chainId(), chain.registryAddress(), holder)
                        .fieldElement() : saleContext(chain);
                PrintWriter o = spec.commandLine().getOut();
                o.println((checked.issuerVerified() ? "Issuer-verified" : "Self-attested") + " attestation; proving \""
                        + p.statement() + "\" ...");
                o.flush();
                CredentialPackage pkg = new CredentialProver(new ZkProver(CircuitRegistry.classPath()), schemas)
                        .prove(checked, p, context, Instant.now(), null);
                Files.write(out, pkg.canonicalBytes());
                o.println("Wrote " + out + " (circuit " + pkg.circuitId() + "); credential hash "
                        + Numeric.toHexString(pkg.credentialHash()));
                o.flush();
            } catch (java.io.UncheckedIOException e) {
                throw new UserError(e.getMessage() + " (check --rpc and --contracts)", e);
            } catch (IOException e) {
                throw new UserError("Cannot read or write a file: " + e.getMessage(), e);
            } catch (AttestationException | SchemaException | ProofException | IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
        }

        private BigInteger saleContext(CredentialChain chain) {
            String market = chain.network().contracts().get("Marketplace");
            if (market == null || listing == null) {
                throw new UserError("A sale context needs --listing and a Marketplace address in --contracts");
            }
            return new ContextBinding(chain.chainId(), market, listing, buyer).fieldElement();
        }
    }

    /** {@code enclave credential verify}: checks a package's proof in the JVM, and optionally its anchor on-chain. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify a credential package's proof (and that every public signal matches its statement).")
    static final class Verify implements Runnable {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;
        @Mixin
        WalletContext ctx;

        @Parameters(index = "0", description = "The package (canonical JSON).")
        Path file;
        @Option(names = "--context", description = "The context you expect (decimal field element), e.g. recomputed "
                + "from your purchase.")
        BigInteger context;
        @Option(names = "--on-chain", description = "Also read the credential's anchor (valid, issuer, verified flag).")
        boolean onChain;

        @Override
        public void run() {
            try {
                CredentialPackage pkg = new PackageReader(SchemaRegistry.builtIn()).read(Files.readAllBytes(file), false);
                PackageVerifier.Verified v = new PackageVerifier(CircuitRegistry.classPath()).verify(pkg, context);
                PrintWriter o = spec.commandLine().getOut();
                o.println("Proof verifies: \"" + pkg.predicate().statement() + "\" (" + pkg.issuer().display() + ", "
                        + pkg.issuer().provenance().id() + ") for holder " + v.subjectAddress() + ", at " + v.timeBound()
                        + (context == null ? "; context not compared (pass --context)" : "; context matches"));
                if (onChain) {
                    byte[] hash = pkg.credentialHash();
                    try (CredentialChain chain = new CredentialChain(ctx)) {
                        var c = chain.readOnly().credential(hash).send();
                        boolean valid = chain.readOnly().isValid(hash).send();
                        o.println("On-chain " + Numeric.toHexString(hash) + ": " + (c.holder.equals(
                                "0x0000000000000000000000000000000000000000") ? "not anchored" : "holder " + c.holder
                                + ", " + (valid ? "valid" : "NOT valid (revoked or issuer removed)")
                                + (c.verifiedBy.signum() == 0 ? "" : ", verified on-chain by circuit " + c.verifiedBy)));
                        if (!c.holder.equals("0x0000000000000000000000000000000000000000")
                                && !c.holder.equalsIgnoreCase(v.subjectAddress())) {
                            o.println("WARNING: the anchored holder is not the proof's subject.");
                        }
                    }
                }
                o.flush();
            } catch (ProofException | PackageException e) {
                throw new UserError("The package does not verify: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UserError("Cannot read " + file + ": " + e.getMessage(), e);
            } catch (UserError e) {
                throw e;
            } catch (Exception e) {
                throw new UserError("Cannot read the registry: " + e.getMessage(), e);
            }
        }
    }
}
