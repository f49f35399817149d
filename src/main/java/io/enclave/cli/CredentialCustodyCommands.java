package io.enclave.cli;

import io.enclave.credentials.pkg.CredentialOpener;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.CredentialSealer;
import io.enclave.credentials.pkg.LocalEciesKeyHolder;
import io.enclave.credentials.pkg.PackageReader;
import io.enclave.credentials.pkg.SealedCredential;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.store.LocalCredentialStore;
import io.enclave.chain.ChainRevertException;
import io.enclave.wallet.UnlockedWallet;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.web3j.utils.Numeric;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code enclave credential package|open|revoke|delete-my-data}: seal a package for publication, open a bought one,
 * revoke on-chain, and the "delete my data" flow.
 */
final class CredentialCustodyCommands {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";

    private CredentialCustodyCommands() {
    }

    /** {@code enclave credential package}: AES-256-GCM envelope + the content key wrapped to the seller. */
    @Command(name = "package", mixinStandardHelpOptions = true,
            description = "Encrypt a credential package (AES-256-GCM, fresh key) for publishing; the key is kept wrapped "
                    + "to your account and its commitment goes into the listing.")
    static final class Package implements Runnable {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;
        @Mixin
        WalletContext ctx;
        @Mixin
        SecretInput secrets;

        @CommandLine.Parameters(index = "0", description = "The package (from `credential prove`).")
        Path file;
        @Option(names = "--account", description = "The seller account (default: the first).")
        String account;

        @Override
        public void run() {
            try (LocalEciesKeyHolder key = CredentialFlowCommands.eciesKey(ctx, secrets, account)) {
                CredentialPackage pkg = new PackageReader(SchemaRegistry.builtIn()).read(Files.readAllBytes(file), true);
                LocalCredentialStore store = new LocalCredentialStore(ctx.home());
                byte[] hash = pkg.credentialHash();
                Path sealedPath = store.packageDir(hash).resolve("sealed.bin");
                Files.createDirectories(sealedPath.getParent());
                SealedCredential sealed;
                try (OutputStream out = Files.newOutputStream(sealedPath)) {
                    sealed = new CredentialSealer().seal(pkg, out, key.publicKey());
                }
                store.keepPackageFile(hash, "package.json", pkg.canonicalBytes());
                store.keepPackageFile(hash, "seller-key.bin", sealed.sellerWrappedKey());
                PrintWriter o = spec.commandLine().getOut();
                o.println("Sealed " + sealedPath + " (upload this ciphertext).");
                o.println("Credential hash: " + Numeric.toHexString(sealed.credentialHash()));
                o.println("Key commitment:  " + Numeric.toHexString(sealed.keyCommitment()));
                o.println("Your copy of the content key (wrapped to your account): " + store.packageDir(hash)
                        .resolve("seller-key.bin"));
                o.flush();
            } catch (UserError e) {
                throw e;
            } catch (Exception e) {
                throw new UserError("Cannot package " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code enclave credential open}: buyer side. */
    @Command(name = "open", mixinStandardHelpOptions = true,
            description = "Open a bought package: unwrap the delivered key, check it against the commitment, decrypt, "
                    + "check the credential hash, write the package.")
    static final class Open implements Runnable {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;
        @Mixin
        WalletContext ctx;
        @Mixin
        SecretInput secrets;

        @CommandLine.Parameters(index = "0", description = "The sealed package (ciphertext).")
        Path sealed;
        @Option(names = "--wrapped-key", required = true, description = "File with the delivered wrapped key (bytes).")
        Path wrappedKey;
        @Option(names = "--commitment", required = true, description = "The listing's key commitment (0x + 64 hex).")
        String commitment;
        @Option(names = "--credential", required = true, description = "The credential hash (0x + 64 hex).")
        String credential;
        @Option(names = "--account", description = "Your (buyer) account (default: the first).")
        String account;
        @Option(names = "--out", required = true, description = "Where to write the opened package.")
        Path out;

        @Override
        public void run() {
            byte[] hash = CredentialFlowCommands.hash32(credential, "--credential");
            byte[] commit = CredentialFlowCommands.hash32(commitment, "--commitment");
            try (LocalEciesKeyHolder key = CredentialFlowCommands.eciesKey(ctx, secrets, account);
                 InputStream in = Files.newInputStream(sealed)) {
                CredentialPackage pkg = new CredentialOpener(SchemaRegistry.builtIn()).open(in, Files.readAllBytes(wrappedKey),
                        key, commit, hash);
                Files.write(out, pkg.canonicalBytes(), StandardOpenOption.CREATE_NEW);
                spec.commandLine().getOut().println("Opened: \"" + pkg.predicate().statement() + "\"; wrote " + out
                        + ". Check it with `credential verify --context <your context> " + out + "`.");
                spec.commandLine().getOut().flush();
            } catch (UserError e) {
                throw e;
            } catch (Exception e) {
                throw new UserError("Cannot open " + sealed + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code enclave credential revoke}: on-chain revocation of a credential (holder/issuer) or attestation (issuer). */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke an anchored credential (its holder or issuer) or an attestation you issued.")
    static final class Revoke implements Runnable {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;
        @Mixin
        WalletContext ctx;
        @Mixin
        SecretInput secrets;

        @Option(names = "--credential", description = "The credential hash to revoke.")
        String credential;
        @Option(names = "--attestation", description = "The attestation hash to revoke (issuer accounts only).")
        String attestation;
        @Option(names = "--account", description = "The signing account (default: the first).")
        String account;

        @Override
        public void run() {
            if ((credential == null) == (attestation == null)) {
                throw new UserError("Give exactly one of --credential and --attestation");
            }
            byte[] hash = CredentialFlowCommands.hash32(credential != null ? credential : attestation,
                    credential != null ? "--credential" : "--attestation");
            try (CredentialChain chain = new CredentialChain(ctx)) {
                String tx = chain.signing(ctx, secrets, ctx.account(account), anchors -> {
                    try {
                        return (credential != null ? anchors.revokeCredential(hash) : anchors.revokeAttestation(hash))
                                .getTransactionHash();
                    } catch (ChainRevertException e) {
                        throw new UserError("The registry refused: " + e.errorName() + " " + e.arguments(), e);
                    } catch (Exception e) {
                        throw new UserError("Revocation failed: " + e.getMessage(), e);
                    }
                });
                spec.commandLine().getOut().println("Revoked " + Numeric.toHexString(hash) + " in transaction " + tx + ".");
                spec.commandLine().getOut().flush();
            }
        }
    }

    /** {@code enclave credential delete-my-data}: the GDPR flow. */
    @Command(name = "delete-my-data", mixinStandardHelpOptions = true,
            description = {"Delete a credential's local data (attestation file, package, sealed copy, wrapped key) first; "
                    + "then, with --revoke, revoke it on-chain and, with --unpublish, delist this wallet's listing of it "
                    + "(the transaction is shown before signing; --yes for scripts) and unpin its package and metadata on "
                    + "the IPFS node (--ipfs). Every step is tried even when another fails; a failed step is reported with "
                    + "the command that finishes it (running this command again is safe). Ends with what cannot be deleted."})
    static final class DeleteMyData implements Runnable {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;
        @Mixin
        MarketContext m;

        @Option(names = "--credential", description = "The credential hash whose local files to delete.")
        String credential;
        @Option(names = "--attestation", description = "The attestation hash whose local file to delete.")
        String attestation;
        @Option(names = "--revoke", description = "Also revoke the anchored credential on-chain (signs a transaction).")
        boolean revoke;
        @Option(names = "--unpublish", description = "Also delist this wallet's listing of the credential (signs a "
                + "transaction) and unpin its package and metadata CIDs on the IPFS node given by --ipfs.")
        boolean unpublish;

        @Override
        public void run() {
            if (credential == null && attestation == null) {
                throw new UserError("Give --credential and/or --attestation");
            }
            if (credential == null && (revoke || unpublish)) {
                throw new UserError("--revoke and --unpublish act on a credential: give --credential");
            }
            byte[] cHash = credential == null ? null : CredentialFlowCommands.hash32(credential, "--credential");
            byte[] aHash = attestation == null ? null : CredentialFlowCommands.hash32(attestation, "--attestation");
            PrintWriter o = spec.commandLine().getOut();
            var local = io.enclave.market.erase.DeleteMyData.eraseLocal(new LocalCredentialStore(m.ctx.home()), aHash,
                    cHash, List.of());
            if (local.failed()) {
                throw new UserError(local.message().replace("try again", "run the command again") + " Nothing on-chain "
                        + "or on IPFS was changed.");
            }
            o.println(local.message());
            local.items().forEach(p -> o.println("  " + p));
            o.flush();
            List<String> unfinished = new ArrayList<>();
            List<String> cids = List.of();
            if (revoke || unpublish) {
                UnlockedWallet wallet = null;
                try {
                    wallet = m.ctx.unlock(m.secrets);
                } catch (RuntimeException e) {
                    unfinished.add("The wallet could not be unlocked (" + e.getMessage() + "): nothing was revoked, "
                            + "delisted or unpinned. Run this command again.");
                }
                try {
                    Unpublish chainSteps = new Unpublish(m, o, spec.commandLine().getErr());
                    if (wallet != null && revoke) {
                        chainSteps.revoke(cHash, wallet, unfinished);
                    }
                    if (wallet != null && unpublish) {
                        cids = chainSteps.run(cHash, wallet, unfinished);
                    }
                } finally {
                    if (wallet != null) {
                        wallet.close();
                    }
                }
            }
            remains(o, cHash, cids);
            o.flush();
            if (!unfinished.isEmpty()) {
                throw new UserError("Local data is deleted, but " + unfinished.size() + " step(s) did not finish:"
                        + System.lineSeparator() + "  - " + String.join(System.lineSeparator() + "  - ", unfinished));
            }
        }

        private void remains(PrintWriter o, byte[] cHash, List<String> cids) {
            o.println("What cannot be deleted, by design:");
            io.enclave.market.erase.DeleteMyData.remains(cids).forEach(line -> o.println("  - " + line));
            if (cHash != null && !revoke) {
                o.println("The credential stays valid on-chain: add --revoke to revoke it.");
            }
            if (cHash != null && !unpublish) {
                o.println("Any listing of it stays on the marketplace and its CIDs stay pinned: add --unpublish to delist "
                        + "and unpin.");
            }
        }
    }
}
