package io.enclave.ui.studio;

import static io.enclave.ui.UiTestSupport.find;
import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.chain.Actors;
import io.enclave.chain.deploy.DeployConfig;
import io.enclave.chain.deploy.Deployment;
import io.enclave.chain.deploy.DeploymentFile;
import io.enclave.chain.deploy.SuiteDeployer;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.PackageReader;
import io.enclave.credentials.pkg.RegistryContext;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.credentials.zk.PackageVerifier;
import io.enclave.devnet.DevnetInfo;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.ui.UiTestSupport;
import io.enclave.ui.app.Session;
import io.enclave.ui.issuer.IssuedAttestation;
import io.enclave.ui.issuer.IssuerService;
import io.enclave.ui.onboarding.WalletSetup;
import io.enclave.ui.settings.Settings;
import io.enclave.ui.settings.SettingsStore;
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
import javafx.scene.control.Label;
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
import org.web3j.utils.Numeric;

/**
 * The credential studio against anvil with the suite and a registered issuer: an attestation for another account is
 * refused; the holder's checks all pass for the right one; a predicate the value does not satisfy blocks the proof;
 * the preview keeps the value local; a cancelled proof makes nothing; the proof is made, verified and saved, and the
 * saved package verifies for the holder's registry context without the value in it.
 */
@ExtendWith({AnvilExtension.class, ApplicationExtension.class})
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
        home = Files.createTempDirectory("enclave-ui-studio-");
        new SettingsStore(home).save(Settings.DEFAULTS.withNetwork("devnet", List.of(rpcUrl), AnvilExtension.CHAIN_ID));
        scene = UiTestSupport.scene(home);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> UiTestSupport.shell(scene).shutdown());
    }

    @Test
    void attestationChecksPredicatePreviewProofAndSave(FxRobot robot, Anvil anvil) throws Exception {
        // An issuer registered on chain signs the holder's salary; the holder is the wallet's account.
        byte[] bjj = new byte[32];
        new SecureRandom().nextBytes(bjj);
        EddsaAttestationSigner signer = new EddsaAttestationSigner(bjj, Issuer.Provenance.ISSUER);
        Credentials issuerAccount = Actors.fresh(anvil);
        Deployment d = new SuiteDeployer(Actors.manager(anvil, anvil.account(0)),
                DeploymentFile.open(home.resolve("deployment.json")), m -> { })
                .deploy(DeployConfig.devnet(anvil.account(1).getAddress()).withIssuers(List.of(new DeployConfig.Issuer(
                        issuerAccount.getAddress(), signer.issuer().ax(), signer.issuer().ay(), 500))));
        Credentials holder = anvil.account(0);
        IssuerService issuing = new IssuerService(Files.createTempDirectory("enclave-issuer-"), UiTestSupport.TEST_KDF,
                SchemaRegistry.builtIn(), Clock.systemUTC());
        var schema = SchemaRegistry.builtIn().latest("employment");
        LocalDate until = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        IssuedAttestation mine = issuing.issue(signer, schema, "annualSalary", "82,500.00",
                Numeric.toHexString(Actors.publicKey(holder)), until);
        IssuedAttestation others = issuing.issue(signer, schema, "annualSalary", "82,500.00",
                Numeric.toHexString(Actors.publicKey(Actors.fresh(anvil))), until);

        Session session = UiTestSupport.shell(scene).session();
        var wallet = new WalletSetup(session.walletFile(), UiTestSupport.TEST_KDF)
                .importPrivateKey(Anvil.KEYS.get(0).toCharArray(), "a long wallet password".toCharArray());
        fx(() -> session.unlocked(wallet));
        fx(() -> session.devnetProperty().set(new DevnetInfo(0, anvil.chainId(), rpcUrl, "", "", "",
                Map.of("CredentialRegistry", d.registry()), "")));
        fx(() -> UiTestSupport.shell(scene).show("studio"));
        StudioController studio = UiTestSupport.shell(scene).studioScreen();

        // Someone else's attestation does not open for this account (it is not even decryptable with its key).
        fx(() -> find(robot, "#attestationFile", TextField.class).setText(others.file().toString()));
        click(robot, "#openAttestation");
        waitFx(30, () -> find(robot, "#openStatus", Label.class).getStyleClass().contains("error-text"));
        assertThat(find(robot, "#studioNext", Button.class).isDisabled()).isTrue();

        // The holder's own: four checks, all passed.
        fx(() -> find(robot, "#attestationFile", TextField.class).setText(mine.file().toString()));
        click(robot, "#openAttestation");
        waitFx(30, () -> find(robot, "#openStatus", Label.class).getText().startsWith("All checks passed"));
        List<String> checks = texts(find(robot, "#checksGrid", GridPane.class));
        assertThat(checks).contains("Not expired", "Signature", "Issuer on chain", "Not revoked");
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
        assertThat(String.join("\n", revealed)).doesNotContain("82500").contains("50000.00");
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
        waitFx(180, () -> studio.madePackage() != null);
        UiTestSupport.screenshots(scene, "studio-review");

        Path out = home.resolve("out").resolve("salary.json");
        fx(() -> find(robot, "#packageFile", TextField.class).setText(out.toString()));
        click(robot, "#savePackage");
        assertThat(find(robot, "#saveStatus", Label.class).getText()).startsWith("Saved");
        byte[] saved = Files.readAllBytes(out);
        assertThat(new String(saved, StandardCharsets.UTF_8)).doesNotContain("8250000");
        CredentialPackage pkg = new PackageReader(SchemaRegistry.builtIn()).read(saved, false);
        RegistryContext ctx = new RegistryContext(anvil.chainId(), d.registry(), holder.getAddress());
        PackageVerifier.Verified v = new PackageVerifier(CircuitRegistry.classPath()).verify(pkg, ctx.fieldElement());
        assertThat(v.subjectAddress()).isEqualToIgnoringCase(holder.getAddress());
        assertThat(pkg.predicate().statement()).contains("50000.00");
        signer.close();
    }

    /** Fires a button wherever the scroll pane has it (the robot clicks only what is on screen). */
    private static void click(FxRobot robot, String query) throws Exception {
        fx(() -> find(robot, query, Button.class).fire());
    }

    private static List<String> texts(GridPane grid) {
        return grid.getChildren().stream().filter(Label.class::isInstance).map(n -> ((Label) n).getText()).toList();
    }
}
