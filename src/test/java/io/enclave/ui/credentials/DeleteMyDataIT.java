package io.enclave.ui.credentials;

import static io.enclave.ui.UiTestSupport.find;
import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.chain.Actors;
import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.contracts.Marketplace;
import io.enclave.chain.deploy.DeployConfig;
import io.enclave.chain.deploy.Deployment;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationIssuer;
import io.enclave.credentials.attest.IssuerRegistry;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.credentials.zk.EddsaAttestationVerifier;
import io.enclave.devnet.DevnetInfo;
import io.enclave.market.Listing;
import io.enclave.market.Progress;
import io.enclave.market.sell.PublishRequest;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import io.enclave.ui.UiTestSupport;
import io.enclave.ui.app.Session;
import io.enclave.ui.studio.Seller;
import io.enclave.ui.studio.StudioService;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.ApplicationExtension;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

/**
 * "Delete my data" through My credentials against anvil with the suite and an IPFS daemon: a listed credential (with a
 * saved copy of its package on disk) is explained first — what is erased and what remains — then erased with the IPFS
 * node down: the local files go, the revocation and the delisting are each confirmed and signed, and the two unpins
 * fail saying how to finish; with the node up, Retry finishes them and the steps already done find nothing left to do.
 */
@ExtendWith({AnvilExtension.class, IpfsExtension.class, ApplicationExtension.class})
class DeleteMyDataIT {
    private static final String DEAD = "http://127.0.0.1:9";
    private static String rpcUrl;
    private Path home;
    private Scene scene;

    @BeforeAll
    static void chain(Anvil anvil) {
        rpcUrl = anvil.rpcUrl();
    }

    @Start
    void start(Stage stage) throws Exception {
        home = UiTestSupport.devnetHome("enclave-ui-gdpr-", rpcUrl);
        scene = UiTestSupport.show(stage, home);
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.shutdown(scene);
    }

    @Test
    void explainsThenErasesRevokesDelistsAndUnpinsWithIpfsDownThenUp(FxRobot robot, Anvil anvil, IpfsNode ipfs)
            throws Exception {
        byte[] bjj = new byte[32];
        new SecureRandom().nextBytes(bjj);
        EddsaAttestationSigner signer = new EddsaAttestationSigner(bjj, Issuer.Provenance.ISSUER);
        var issuerAccount = Actors.fresh(anvil);
        Deployment d = UiTestSupport.deploySuite(anvil, home.resolve("deployment.json"), List.of(new DeployConfig.Issuer(
                issuerAccount.getAddress(), signer.issuer().ax(), signer.issuer().ay(), 500)));
        var holder = anvil.account(2);
        Session session = UiTestSupport.shell(scene).session();
        UiTestSupport.unlock(session, 2);
        Map<String, String> contracts = UiTestSupport.contracts(d);
        DevnetInfo up = UiTestSupport.devnet(session, anvil, ipfs.apiUrl(), contracts);
        DevnetInfo ipfsDown = new DevnetInfo(0, anvil.chainId(), rpcUrl, DEAD, "", "", contracts, "");

        // a credential proven in the JVM, saved where the studio saves, published and listed
        CredentialPackage pkg = prove(session, signer, holder.getAddress(), d.registry(), anvil.chainId());
        Path saved = home.resolve("credentials").resolve("salary.json");
        Files.createDirectories(saved.getParent());
        Files.write(saved, pkg.canonicalBytes());
        Listing listing;
        try (Seller s = Seller.open(session, holder.getAddress(), c -> true)) { // set-up only: not under test
            listing = s.sell().publish(pkg, new PublishRequest("Salary at least 50k", "Deleted by its seller",
                    BigInteger.TEN.pow(17), issuerAccount.getAddress()), Progress.NONE);
        }
        String hash = Numeric.toHexString(pkg.credentialHash());
        List<String> cids = pinnedCids(session, holder.getAddress(), hash);
        assertThat(cids).hasSize(2);
        for (String cid : cids) {
            assertThat(pinned(ipfs, cid)).as(cid).isTrue();
        }

        fx(() -> UiTestSupport.shell(scene).show("credentials"));
        TableView<MyCredentialsService.Row> table = table(robot);
        waitFx(90, () -> table.getItems().stream().anyMatch(r -> r.credentialHash().equalsIgnoreCase(hash)
                && "listed".equals(r.statusText())));
        fx(() -> table.getItems().stream().filter(r -> r.credentialHash().equalsIgnoreCase(hash)).findFirst()
                .ifPresent(r -> table.getSelectionModel().select(r)));

        // first the explanation: what is erased, what remains; nothing runs yet
        click(robot, "#deleteData");
        String explained = labels(find(robot, "#deleteExplanation", VBox.class));
        assertThat(explained).contains("What is erased", "revoked in the registry", "listing is removed", "unpinned",
                "What remains", "inactive", "encrypted vault keeps the publication record", "Arweave", cids.get(0));
        UiTestSupport.screenshots(scene, "my-credentials-delete-explained");

        // IPFS down: local files erased, revoke and delist confirmed and signed, the unpins fail saying how to finish
        fx(() -> session.devnetProperty().set(ipfsDown));
        click(robot, "#deleteDataStart");
        approveNext(robot, "revoke");
        approveNext(robot, "removeListing");
        waitFx(120, () -> find(robot, "#deleteRetry", Button.class).isVisible());
        String first = labels(find(robot, "#deleteSteps", VBox.class));
        assertThat(first).contains("✓ Overwritten and deleted", "✓ Revoked on-chain in transaction",
                "✓ Marketplace: delisted listing " + listing.id(), "✗ IPFS: " + cids.get(0) + " could not be unpinned",
                "Start your IPFS node");
        assertThat(find(robot, "#deleteResult", Label.class).getText()).startsWith("2 steps did not finish");
        assertThat(saved).doesNotExist();
        CredentialRegistry registry = CredentialRegistry.load(d.registry(), anvil.web3j(), holder, new DefaultGasProvider());
        assertThat(registry.isValid(pkg.credentialHash()).send()).isFalse();
        Marketplace market = Marketplace.load(d.marketplace(), anvil.web3j(), holder, new DefaultGasProvider());
        assertThat(market.listing(listing.id()).send().price).isZero();
        for (String cid : cids) {
            assertThat(pinned(ipfs, cid)).as(cid).isTrue();
        }
        UiTestSupport.screenshots(scene, "my-credentials-delete-ipfs-down");

        // IPFS up: Retry finishes; nothing is signed again
        fx(() -> session.devnetProperty().set(up));
        click(robot, "#deleteRetry");
        waitFx(120, () -> find(robot, "#deleteResult", Label.class).getText().startsWith("Done."));
        String second = labels(find(robot, "#deleteSteps", VBox.class));
        assertThat(second).contains("– No local file held this data.", "– Already revoked on-chain.",
                "is already inactive", "✓ IPFS: unpinned " + cids.get(0), "✓ IPFS: unpinned " + cids.get(1))
                .doesNotContain("✗");
        assertThat(UiTestSupport.visible(robot, "#credentialsSign")).isFalse();
        for (String cid : cids) {
            assertThat(pinned(ipfs, cid)).as(cid).isFalse();
        }
        UiTestSupport.screenshots(scene, "my-credentials-delete-done");
        signer.close();
    }

    /** A salary credential signed by the registered issuer and proven in the JVM for the holder's registry context. */
    private static CredentialPackage prove(Session session, EddsaAttestationSigner signer, String holder, String registry,
                                           long chainId) throws Exception {
        SchemaRegistry schemas = SchemaRegistry.builtIn();
        var schema = schemas.latest("employment");
        var a = new AttestationIssuer(signer, new SecureRandom(), Clock.systemUTC()).attest(schema, "annualSalary",
                JsonNodeFactory.instance.numberNode(8_250_000), Numeric.toBigInt(holder), Duration.ofDays(30));
        IssuerRegistry registered = new IssuerRegistry() { // the issuer was registered at deployment just above
            @Override
            public boolean isRegistered(Issuer issuer) {
                return issuer.equals(signer.issuer());
            }

            @Override
            public boolean isRevoked(Issuer issuer, byte[] attestationHash) {
                return false;
            }
        };
        var checked = new AttestationChecker(new EddsaAttestationVerifier(), registered, Clock.systemUTC()).check(a);
        Predicate p = Predicate.create(schema, "salary-at-least", List.of(JsonNodeFactory.instance.numberNode(5_000_000)));
        return new StudioService(schemas, session.circuits(), Clock.systemUTC()).prove(checked, p,
                new io.enclave.credentials.pkg.RegistryContext(chainId, registry, holder), f -> { }, () -> false);
    }

    /** The package and metadata CIDs the vault recorded for the publication. */
    private static List<String> pinnedCids(Session session, String account, String hash) {
        try (Seller s = Seller.open(session, account, c -> false)) {
            return new MyCredentialsService(SchemaRegistry.builtIn()).publishedCids(s, hash);
        }
    }

    /** Waits for the in-screen confirmation of {@code function} and signs it. */
    private static void approveNext(FxRobot robot, String function) throws Exception {
        waitFx(90, () -> UiTestSupport.visible(robot, "#credentialsSign")
                && labels(find(robot, "#credentialsConfirm", VBox.class)).contains(function));
        click(robot, "#credentialsSign");
        waitFx(30, () -> !UiTestSupport.visible(robot, "#credentialsSign")
                || !labels(find(robot, "#credentialsConfirm", VBox.class)).contains(function));
    }

    private static boolean pinned(IpfsNode ipfs, String cid) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ipfs.apiUrl()
                        + "/api/v0/pin/ls?type=recursive&cid-base=base32&arg=" + cid))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 && r.body().contains(cid);
    }

    @SuppressWarnings("unchecked")
    private static TableView<MyCredentialsService.Row> table(FxRobot robot) {
        return find(robot, "#credentialsTable", TableView.class);
    }

    /** Every label's text under a node, one per line. */
    private static String labels(javafx.scene.Parent node) {
        StringBuilder b = new StringBuilder();
        node.lookupAll(".label").forEach(n -> {
            if (n instanceof Label l && l.getText() != null) {
                b.append(l.getText()).append('\n');
            }
        });
        return b.toString();
    }

    /** Fires a button wherever the scroll pane has it (the robot clicks only what is on screen). */
    private static void click(FxRobot robot, String query) throws Exception {
        fx(() -> find(robot, query, Button.class).fire());
    }
}
