package io.enclave.ui.studio;

import static io.enclave.ui.UiTestSupport.find;
import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.chain.Actors;
import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.contracts.Marketplace;
import io.enclave.chain.deploy.DeployConfig;
import io.enclave.chain.deploy.Deployment;
import io.enclave.credentials.importer.ImportedRecord;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.PackageReader;
import io.enclave.credentials.pkg.RegistryContext;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.credentials.zk.PackageVerifier;
import io.enclave.devnet.DevnetInfo;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import io.enclave.testsupport.TempDirs;
import io.enclave.ui.UiTestSupport;
import io.enclave.ui.app.Session;
import io.enclave.ui.credentials.MyCredentialsService;
import io.enclave.ui.issuer.IssuedAttestation;
import io.enclave.ui.issuer.IssuerService;
import io.enclave.zk.CircuitRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.web3j.crypto.Credentials;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

/**
 * The seller's journey through the credential studio against anvil with the suite, a registered issuer and an IPFS
 * daemon: a malformed CSV is shown with its line and field and nothing is imported; a CSV imported after the column
 * mapping; an attestation for another account is refused; one that signs another value than the chosen record fails
 * the match; the holder's checks all pass for the right record; a predicate the value does not satisfy blocks the
 * proof; the preview keeps the value local; a cancelled proof makes nothing; the proof is made, verified and saved
 * (the saved package verifies for the holder's registry context without the value in it); publishing with the IPFS
 * node down stops at the upload with a clear error, and Resume, once it is up, anchors and lists after each
 * confirmation — the listing is on chain at the price given.
 */
@ExtendWith({AnvilExtension.class, IpfsExtension.class, ApplicationExtension.class})
class StudioWizardIT {
    private static String rpcUrl;
    private Path home;
    private Scene scene;

    @BeforeAll
    static void chain(Anvil anvil) {
        rpcUrl = anvil.rpcUrl();
    }

    @Start
    void start(Stage stage) throws Exception {
        home = UiTestSupport.devnetHome("enclave-ui-studio-", rpcUrl);
        scene = UiTestSupport.show(stage, home);
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.shutdown(scene);
    }

    @Test
    void importAttestPredicateProvePublishAndList(FxRobot robot, Anvil anvil, IpfsNode ipfs) throws Exception {
        // An issuer registered on chain signs the holder's salary; the holder is the wallet's account.
        byte[] bjj = new byte[32];
        new SecureRandom().nextBytes(bjj);
        EddsaAttestationSigner signer = new EddsaAttestationSigner(bjj, Issuer.Provenance.ISSUER);
        Credentials issuerAccount = Actors.fresh(anvil);
        Deployment d = UiTestSupport.deploySuite(anvil, home.resolve("deployment.json"), List.of(new DeployConfig.Issuer(
                issuerAccount.getAddress(), signer.issuer().ax(), signer.issuer().ay(), 500)));
        Credentials holder = anvil.account(0);
        IssuerService issuing = new IssuerService(TempDirs.create("enclave-issuer-"), UiTestSupport.TEST_KDF,
                SchemaRegistry.builtIn(), Clock.systemUTC());
        var schema = SchemaRegistry.builtIn().latest("employment");
        LocalDate until = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        IssuedAttestation mine = issuing.issue(signer, schema, "annualSalary", "82,500.00",
                Numeric.toHexString(Actors.publicKey(holder)), until);
        IssuedAttestation others = issuing.issue(signer, schema, "annualSalary", "82,500.00",
                Numeric.toHexString(Actors.publicKey(Actors.fresh(anvil))), until);

        Session session = UiTestSupport.shell(scene).session();
        UiTestSupport.unlock(session, 0);
        Map<String, String> contracts = UiTestSupport.contracts(d);
        // The devnet's IPFS node is down at first (nothing listens on port 9).
        UiTestSupport.devnet(session, anvil, "http://127.0.0.1:9", contracts);
        fx(() -> UiTestSupport.shell(scene).show("studio"));
        StudioController studio = UiTestSupport.shell(scene).studioScreen();

        // Step 1: the employment schema, a CSV with a bad salary on line 3: its line and field, nothing imported.
        String header = "Full name,Employer,Role,Start,Gross salary (EUR),Currency\n";
        Path bad = Files.writeString(home.resolve("bad.csv"), header
                + "Jane Doe,Northwind Robotics,Senior Software Engineer,01/03/2021,\"82,500.00\",EUR\n"
                + "John Roe,Contoso Ltd,Data Analyst,15/09/2019,lots,EUR\n");
        Path good = Files.writeString(home.resolve("people.csv"), header
                + "John Roe,Contoso Ltd,Data Analyst,15/09/2019,61000,EUR\n"
                + "Jane Doe,Northwind Robotics,Senior Software Engineer,01/03/2021,\"82,500.00\",EUR\n");
        fx(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<CredentialSchema> schemas = find(robot, "#schemaChoice", ChoiceBox.class);
            schemas.setValue(schemas.getItems().stream().filter(x -> x.type().equals("employment")).findFirst().orElseThrow());
            find(robot, "#dataFile", TextField.class).setText(bad.toString());
            find(robot, "#dateFormat", TextField.class).setText("dd/MM/yyyy");
        });
        click(robot, "#readColumns");
        fx(() -> {
            map(robot, "title", "Role");
            map(robot, "annualSalary", "Gross salary (EUR)");
        });
        assertThat(combo(robot, "employer").getValue()).isEqualTo("Employer");
        assertThat(combo(robot, "startDate").getValue()).isEqualTo("Start");
        click(robot, "#importData");
        waitFx(30, () -> find(robot, "#importStatus", Label.class).getStyleClass().contains("error-text"));
        assertThat(find(robot, "#importStatus", Label.class).getText())
                .contains("bad.csv line 3", "field 'Gross salary (EUR)'", "Nothing was imported");
        assertThat(find(robot, "#studioNext", Button.class).isDisabled()).isTrue();
        scrollDown(robot);
        UiTestSupport.screenshots(scene, "studio-import-error");

        fx(() -> find(robot, "#dataFile", TextField.class).setText(good.toString()));
        click(robot, "#readColumns");
        fx(() -> {
            map(robot, "title", "Role");
            map(robot, "annualSalary", "Gross salary (EUR)");
        });
        click(robot, "#importData");
        waitFx(30, () -> find(robot, "#importStatus", Label.class).getText().startsWith("Imported 2 records"));
        assertThat(texts(find(robot, "#recordGrid", GridPane.class))).contains("Contoso Ltd", "61000.00");
        scrollDown(robot);
        UiTestSupport.screenshots(scene, "studio-import");
        click(robot, "#studioNext");

        // Someone else's attestation does not open for this account (it is not even decryptable with its key).
        fx(() -> find(robot, "#attestationFile", TextField.class).setText(others.file().toString()));
        click(robot, "#openAttestation");
        waitFx(30, () -> find(robot, "#openStatus", Label.class).getStyleClass().contains("error-text"));
        assertThat(find(robot, "#studioNext", Button.class).isDisabled()).isTrue();

        // The holder's own, against the first record (another salary): the match fails and the wizard stays.
        fx(() -> find(robot, "#attestationFile", TextField.class).setText(mine.file().toString()));
        click(robot, "#openAttestation");
        waitFx(30, () -> find(robot, "#openStatus", Label.class).getText().startsWith("Matches your data"));
        assertThat(String.join("\n", texts(find(robot, "#checksGrid", GridPane.class)))).contains("61000.00", "82500.00");
        assertThat(find(robot, "#studioNext", Button.class).isDisabled()).isTrue();
        UiTestSupport.screenshots(scene, "studio-attestation-mismatch");

        // Jane's record: five checks, all passed.
        click(robot, "#studioBack");
        fx(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<ImportedRecord> records = find(robot, "#recordChoice", ChoiceBox.class);
            records.setValue(records.getItems().get(1));
        });
        click(robot, "#studioNext");
        click(robot, "#openAttestation");
        waitFx(30, () -> find(robot, "#openStatus", Label.class).getText().startsWith("All checks passed"));
        List<String> checks = texts(find(robot, "#checksGrid", GridPane.class));
        assertThat(checks).contains("Not expired", "Signature", "Issuer on chain", "Not revoked", "Matches your data");
        assertThat(checks).anyMatch(t -> t.toLowerCase().contains(issuerAccount.getAddress().toLowerCase()));
        UiTestSupport.screenshots(scene, "studio-attestation");
        click(robot, "#studioNext");

        // A constant above the value: the preview says so and the proof step stays closed.
        fx(() -> find(robot, "#constantField", TextField.class).setText("100,000.00"));
        click(robot, "#previewButton");
        assertThat(find(robot, "#predicateStatus", Label.class).getText()).contains("does not satisfy");
        assertThat(find(robot, "#studioNext", Button.class).isDisabled()).isTrue();
        fx(() -> find(robot, "#constantField", TextField.class).setText("50,000.00"));
        click(robot, "#previewButton");
        assertThat(find(robot, "#predicateStatus", Label.class).getText()).startsWith("Your value satisfies it");
        List<String> local = texts(find(robot, "#localGrid", GridPane.class));
        List<String> revealed = texts(find(robot, "#revealedGrid", GridPane.class));
        assertThat(String.join("\n", local)).contains("82500.00");
        // the issuer's key is shown in hex: a random key's 128 hex digits hold "82500" in 1 run of ~8,000
        String issuerKey = signer.issuer().display();
        assertThat(revealed).anyMatch(t -> t.contains(issuerKey));
        assertThat(String.join("\n", revealed).replace(issuerKey, "")).doesNotContain("82500").contains("50000.00");
        UiTestSupport.screenshots(scene, "studio-preview");
        click(robot, "#studioNext");

        // Cancel: nothing is made. Then the real proof.
        fx(() -> {
            find(robot, "#proveButton", Button.class).fire();
            find(robot, "#cancelProof", Button.class).fire();
        });
        waitFx(30, () -> find(robot, "#proofStatus", Label.class).getText().startsWith("Cancelled"));
        assertThat(studio.madePackage()).isNull();
        fx(() -> find(robot, "#proveButton", Button.class).fire());
        waitFx(480, () -> studio.madePackage() != null); // a loaded 2-core machine proves slowly
        UiTestSupport.screenshots(scene, "studio-review");

        Path out = home.resolve("out").resolve("salary.json");
        fx(() -> find(robot, "#packageFile", TextField.class).setText(out.toString()));
        click(robot, "#savePackage");
        assertThat(find(robot, "#saveStatus", Label.class).getText()).startsWith("Saved");
        byte[] saved = Files.readAllBytes(out);
        // as a number of its own: the ~1,000 random digits of the proof and signals hold "8250000" in 1 package of ~10,000
        assertThat(new String(saved, StandardCharsets.UTF_8)).doesNotContainPattern("(?<![0-9])8250000(?![0-9])");
        CredentialPackage pkg = new PackageReader(SchemaRegistry.builtIn()).read(saved, false);
        RegistryContext ctx = new RegistryContext(anvil.chainId(), d.registry(), holder.getAddress());
        PackageVerifier.Verified v = new PackageVerifier(CircuitRegistry.classPath()).verify(pkg, ctx.fieldElement());
        assertThat(v.subjectAddress()).isEqualToIgnoringCase(holder.getAddress());
        assertThat(pkg.predicate().statement()).contains("50000.00");

        // Publish: the IPFS node is down, so the job stops at the upload and says so; nothing was signed.
        click(robot, "#studioNext");
        fx(() -> {
            find(robot, "#listingTitle", TextField.class).setText("Senior engineer, salary at least 50k EUR");
            find(robot, "#listingTags", TextField.class).setText("salary, engineering");
            find(robot, "#listingPrice", TextField.class).setText("0");
        });
        click(robot, "#publishButton");
        assertThat(find(robot, "#publishStatus", Label.class).getText()).contains("more than zero");
        fx(() -> find(robot, "#listingPrice", TextField.class).setText("1.5"));
        click(robot, "#publishButton");
        waitFx(90, () -> find(robot, "#resumeButton", Button.class).isVisible());
        String stopped = find(robot, "#publishStatus", Label.class).getText();
        assertThat(stopped).contains("upload", "Resume").doesNotContain("enclave market");
        assertThat(UiTestSupport.visible(robot, "#publishSign")).isFalse();
        UiTestSupport.screenshots(scene, "studio-publish-stopped");

        // The node is up again: Resume continues; each signature is asked for with its confirmation.
        fx(() -> session.devnetProperty().set(new DevnetInfo(0, anvil.chainId(), rpcUrl, ipfs.apiUrl(), "", "",
                contracts, "")));
        click(robot, "#resumeButton");
        waitFx(90, () -> UiTestSupport.visible(robot, "#publishSign"));
        assertThat(String.join("\n", texts(find(robot, "#publishConfirmGrid", GridPane.class)))).contains("succeeds");
        UiTestSupport.screenshots(scene, "studio-publish-confirm");
        click(robot, "#publishSign");
        waitFx(90, () -> UiTestSupport.visible(robot, "#publishSign"));
        click(robot, "#publishSign");
        waitFx(90, () -> studio.listedId() != null);
        assertThat(find(robot, "#publishStatus", Label.class).getText()).startsWith("Listed as #" + studio.listedId());
        UiTestSupport.screenshots(scene, "studio-published");
        Marketplace market = Marketplace.load(d.marketplace(), anvil.web3j(), holder, new DefaultGasProvider());
        Marketplace.Listing onChain = market.listing((java.math.BigInteger) studio.listedId()).send();
        assertThat(onChain.seller).isEqualToIgnoringCase(holder.getAddress());
        assertThat(onChain.price).isEqualTo(new java.math.BigInteger("1500000000000000000"));
        assertThat(Numeric.toHexString(onChain.credentialHash)).isEqualToIgnoringCase(
                Numeric.toHexString(pkg.credentialHash()));

        // My credentials: listed; a new price, delist and revoke, each signed after its confirmation.
        fx(() -> UiTestSupport.shell(scene).show("credentials"));
        waitFx(60, () -> "listed".equals(status(robot)));
        fx(() -> table(robot).getSelectionModel().select(0));
        UiTestSupport.screenshots(scene, "my-credentials");
        fx(() -> find(robot, "#newPrice", TextField.class).setText("2"));
        click(robot, "#updatePrice");
        waitFx(60, () -> UiTestSupport.visible(robot, "#credentialsSign"));
        UiTestSupport.screenshots(scene, "my-credentials-confirm");
        click(robot, "#credentialsSign");
        waitFx(60, () -> find(robot, "#credentialsStatus", Label.class).getText().startsWith("Price changed"));
        assertThat(market.listing((java.math.BigInteger) studio.listedId()).send().price)
                .isEqualTo(new java.math.BigInteger("2000000000000000000"));
        click(robot, "#delist");
        waitFx(60, () -> UiTestSupport.visible(robot, "#credentialsSign"));
        click(robot, "#credentialsSign");
        waitFx(60, () -> "delisted".equals(status(robot)));
        click(robot, "#revoke");
        waitFx(60, () -> UiTestSupport.visible(robot, "#credentialsSign"));
        click(robot, "#credentialsReject");
        waitFx(60, () -> find(robot, "#credentialsStatus", Label.class).getText().contains("not approved"));
        click(robot, "#revoke");
        waitFx(60, () -> UiTestSupport.visible(robot, "#credentialsSign"));
        click(robot, "#credentialsSign");
        waitFx(60, () -> "revoked".equals(status(robot)));
        CredentialRegistry registry = CredentialRegistry.load(d.registry(), anvil.web3j(), holder, new DefaultGasProvider());
        assertThat(registry.isValid(pkg.credentialHash()).send()).isFalse();
        assertThat(find(robot, "#delist", Button.class).isDisabled()).isTrue();
        click(robot, "#repin");
        waitFx(60, () -> find(robot, "#credentialsStatus", Label.class).getText().startsWith("Pinned again"));
        UiTestSupport.screenshots(scene, "my-credentials-revoked");
        signer.close();
    }

    @SuppressWarnings("unchecked")
    private static TableView<MyCredentialsService.Row> table(FxRobot robot) {
        return find(robot, "#credentialsTable", TableView.class);
    }

    private static String status(FxRobot robot) {
        var items = table(robot).getItems();
        return items.isEmpty() ? null : items.get(0).statusText();
    }

    /** Scrolls the studio to its end, where the status and results are, for the screenshot. */
    private static void scrollDown(FxRobot robot) throws Exception {
        fx(() -> find(robot, ".studio-scroll", ScrollPane.class).setVvalue(1.0));
    }

    private static ComboBox<?> combo(FxRobot robot, String attribute) {
        return find(robot, "#map-" + attribute, ComboBox.class);
    }

    @SuppressWarnings("unchecked")
    private static void map(FxRobot robot, String attribute, String column) {
        ((ComboBox<String>) combo(robot, attribute)).setValue(column);
    }

    /** Fires a button wherever the scroll pane has it (the robot clicks only what is on screen). */
    private static void click(FxRobot robot, String query) throws Exception {
        fx(() -> find(robot, query, Button.class).fire());
    }

    private static List<String> texts(GridPane grid) {
        return grid.getChildren().stream().filter(Label.class::isInstance).map(n -> ((Label) n).getText()).toList();
    }
}
