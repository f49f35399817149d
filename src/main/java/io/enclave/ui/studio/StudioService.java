package io.enclave.ui.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.chain.EstimatedGas;
import io.enclave.chain.Network;
import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationException;
import io.enclave.credentials.attest.AttestationFile;
import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.chain.OnChainIssuerRegistry;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.LocalEciesKeyHolder;
import io.enclave.credentials.pkg.RegistryContext;
import io.enclave.credentials.schema.Attribute;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.PredicateOp;
import io.enclave.credentials.schema.PredicateTemplate;
import io.enclave.credentials.schema.SchemaException;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.CredentialProver;
import io.enclave.credentials.zk.EddsaAttestationVerifier;
import io.enclave.credentials.zk.PackageVerifier;
import io.enclave.credentials.zk.ProofException;
import io.enclave.crypto.Secrets;
import io.enclave.crypto.ecies.Secp256k1Ecies;
import io.enclave.ui.issuer.IssuerService;
import io.enclave.wallet.UnlockedWallet;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkProver;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.utils.Numeric;

/**
 * The credential studio's steps without JavaFX: open an attestation with the wallet account's key, run the holder's
 * checks one by one (expiry, signature, on-chain issuer, revocation), build a predicate, say what stays local and what
 * the proof reveals, prove in the JVM, verify the package and save it. Calls block; the wizard runs them in the
 * background.
 */
public final class StudioService {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SchemaRegistry schemas;
    private final CircuitRegistry circuits;
    private final Clock clock;

    public StudioService(SchemaRegistry schemas, CircuitRegistry circuits, Clock clock) {
        this.schemas = schemas;
        this.circuits = circuits;
        this.clock = clock;
    }

    public SchemaRegistry schemas() {
        return schemas;
    }

    /** Decrypts the attestation file with {@code account}'s key; it must name that account as its subject. */
    public Attestation open(Path file, UnlockedWallet wallet, String account) throws IOException, AttestationException {
        byte[] sealed = Files.readAllBytes(file);
        byte[] key = Numeric.toBytesPadded(wallet.signer(account).keyPair().getPrivateKey(), 32);
        Attestation a;
        try (LocalEciesKeyHolder holder = new LocalEciesKeyHolder(key)) {
            a = new AttestationFile(new Secp256k1Ecies(), schemas).open(holder, sealed);
        } finally {
            Secrets.wipe(key);
        }
        if (!a.subject().equals(Numeric.toBigInt(account))) {
            throw new AttestationException("The attestation was issued to " + String.format("0x%040x", a.subject())
                    + ", not to " + account + ": choose the account it names, or ask the issuer to issue it to you.");
        }
        return a;
    }

    /** One line of the holder's checks. */
    public record Check(String name, boolean passed, String detail) {
    }

    /** The checks, each shown, and the checked attestation when all passed (null otherwise). */
    public record Checks(List<Check> lines, CheckedAttestation checked, String failure, String issuerAccount) {
        public Checks(List<Check> lines, CheckedAttestation checked, String failure) {
            this(lines, checked, failure, null);
        }

        /** These checks with one more line; a failed line withdraws the checked attestation. */
        public Checks with(Check line) {
            List<Check> more = new ArrayList<>(lines);
            more.add(line);
            return line.passed() ? new Checks(more, checked, failure, issuerAccount)
                    : new Checks(more, null, failure != null ? failure : line.name() + ": " + line.detail() + ".",
                    issuerAccount);
        }
    }

    /** Runs the holder's checks against the network's CredentialRegistry. */
    public Checks check(Attestation a, Network network) {
        List<Check> lines = new ArrayList<>();
        Instant now = clock.instant();
        lines.add(new Check("Not expired", now.isBefore(a.expiresAt()), "valid until " + a.expiresAt()));
        boolean signed = a.signature() != null
                && new EddsaAttestationVerifier().verify(a.issuer(), a.signedMessage(), a.signature());
        lines.add(new Check("Signature", signed, signed ? "EdDSA-Poseidon signature of " + a.issuer().display()
                : "does not verify: the file was altered or not signed by that key"));
        String address = network.contracts().get("CredentialRegistry");
        if (address == null || network.rpcUrls().isEmpty()) {
            lines.add(new Check("Issuer on chain", false, "the network " + network.name() + " has no CredentialRegistry"));
            return new Checks(lines, null, "Connect to a network with a CredentialRegistry (Settings) to check the issuer.");
        }
        Web3j web3j = Web3j.build(new HttpService(network.rpcUrls().get(0)));
        try {
            OnChainIssuerRegistry registry = new OnChainIssuerRegistry(CredentialRegistry.load(address, web3j,
                    new ReadonlyTransactionManager(web3j, ZERO), new EstimatedGas(network.chainId())));
            boolean registered = !a.selfAttested() && registry.isRegistered(a.issuer());
            String account = registered ? registry.accountOf(a.issuer()) : null;
            lines.add(new Check("Issuer on chain", registered, registered ? "registered issuer " + account
                    : a.selfAttested() ? "self-attested: no issuer vouches for it" : "this key is not a registered issuer"));
            boolean revoked = registry.isRevoked(a.issuer(), a.hash());
            lines.add(new Check("Not revoked", !revoked, revoked ? "the issuer revoked it" : "no revocation on chain"));
            try {
                CheckedAttestation checked = new AttestationChecker(new EddsaAttestationVerifier(), registry, clock).check(a);
                return new Checks(lines, checked, null, account);
            } catch (AttestationException e) {
                return new Checks(lines, null, e.getMessage());
            }
        } catch (RuntimeException e) {
            return new Checks(lines, null, "Cannot read the registry at " + network.rpcUrls().get(0) + ": "
                    + e.getMessage());
        } finally {
            web3j.shutdown();
        }
    }

    /** The predicates of the attestation's schema that compare its attribute. */
    public List<PredicateTemplate> predicatesFor(Attestation a) throws SchemaException {
        return schemas.get(a.schemaId()).predicates().stream().filter(t -> t.attribute().equals(a.attribute())).toList();
    }

    /**
     * The predicate from what a person typed: one value, several separated by ';' for a set, or for an age template
     * the years (the day it holds on is today).
     */
    public Predicate predicate(Attestation a, PredicateTemplate t, String constants) throws SchemaException {
        CredentialSchema schema = schemas.get(a.schemaId());
        Attribute attribute = schema.attribute(t.attribute());
        List<JsonNode> values = new ArrayList<>();
        String text = constants == null ? "" : constants.strip();
        if (t.fromAge()) {
            try {
                values.add(NODES.numberNode(Integer.parseInt(text)));
            } catch (NumberFormatException e) {
                throw new SchemaException("Enter the age in whole years, e.g. 18.");
            }
            values.add(NODES.textNode(LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString()));
        } else {
            String[] parts = t.op() == PredicateOp.IN ? text.split(";") : new String[] {text};
            for (String p : parts) {
                if (!p.isBlank()) {
                    values.add(IssuerService.parseValue(attribute, p));
                }
            }
        }
        return Predicate.create(schema, t.id(), values);
    }

    /** Whether the attested value satisfies the predicate (a proof can be made only then). */
    public boolean holds(Attestation a, Predicate p) throws SchemaException {
        return p.holds(schemas.get(a.schemaId()), a.value());
    }

    /** What stays on this computer and what the proof and its listing reveal. */
    public record Preview(List<Check> staysLocal, List<Check> revealed) {
    }

    public Preview preview(Attestation a, Predicate p, RegistryContext context) throws SchemaException {
        CredentialSchema schema = schemas.get(a.schemaId());
        Attribute attribute = schema.attribute(a.attribute());
        List<Check> local = List.of(
                new Check(attribute.name(), true, Predicate.display(attribute, a.value())),
                new Check("salt and issuer signature", true, "only inside the proof's private inputs"),
                new Check("attestation file", true, "stays where you keep it; never uploaded"));
        List<String> constants = p.constants().stream().map(c -> Predicate.display(attribute, c)).toList();
        String learns = switch (p.op()) {
            case EQ -> "that " + attribute.name() + " is exactly the constant (so the value is known)";
            case IN -> "that " + attribute.name() + " is one of the " + constants.size() + " values, not which";
            default -> "that " + attribute.name() + " is " + p.op().symbol() + " the constant, not the value";
        };
        List<Check> revealed = List.of(
                new Check("schema", true, schema.title() + " (" + schema.id() + ")"),
                new Check("statement", true, p.statement()),
                new Check("constants", true, String.join(", ", constants)),
                new Check("what a buyer learns", true, learns),
                new Check("issuer", true, a.issuer().display()),
                new Check("holder", true, context.holder() + " (the proof is bound to it and this registry)"),
                new Check("valid until", true, a.expiresAt().toString()));
        return new Preview(local, revealed);
    }

    /** The context this studio binds proofs to: the registry and the holder (CredentialRegistry.markVerified). */
    public static RegistryContext context(Network network, String holder) {
        String registry = network.contracts().get("CredentialRegistry");
        if (registry == null) {
            throw new IllegalStateException("The network " + network.name() + " has no CredentialRegistry.");
        }
        return new RegistryContext(network.chainId(), registry, holder);
    }

    /** Proves in the JVM; throws {@link CancellationException} soon after {@code cancelled} turns true. */
    public CredentialPackage prove(CheckedAttestation checked, Predicate p, RegistryContext context,
                                   DoubleConsumer progress, BooleanSupplier cancelled) throws ProofException {
        Instant bound = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        return new CredentialProver(new ZkProver(circuits), schemas).prove(checked, p, context.fieldElement(), bound, f -> {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("Proof cancelled");
            }
            progress.accept(f);
        });
    }

    /** Verifies the package like a buyer would (every public signal against its statement, the context). */
    public PackageVerifier.Verified verify(CredentialPackage pkg, BigInteger context) throws ProofException {
        return new PackageVerifier(circuits).verify(pkg, context);
    }

    public void save(CredentialPackage pkg, Path file) throws IOException {
        Files.write(file, pkg.canonicalBytes());
    }
}
