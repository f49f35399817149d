package io.enclave.ui.issuer;

import static io.enclave.ui.UiTestSupport.find;
import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.visible;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.chain.Actors;
import io.enclave.chain.EstimatedGas;
import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.deploy.DeployConfig;
import io.enclave.chain.deploy.Deployment;
import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationFile;
import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.chain.OnChainIssuerRegistry;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.LocalEciesKeyHolder;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.EddsaAttestationVerifier;
import io.enclave.crypto.ecies.Secp256k1Ecies;
import io.enclave.devnet.DevnetInfo;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.ui.UiTestSupport;
import io.enclave.ui.app.Session;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.web3j.crypto.Credentials;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.utils.Numeric;

/**
 * The issuer screen against anvil with the real suite: create the key (mismatched and short passwords refused), a
 * wrong password refused on open, registration read from the CredentialRegistry before and after governance
 * registers the key, bad input refused with nothing written, then an attestation the subject opens and the holder's
 * checks accept as issuer-verified; the value never reaches disk in plain text.
 */
@ExtendWith({AnvilExtension.class, ApplicationExtension.class})
class IssuerScreenIT {
    private static final String KEY_PASSWORD = "issuer key password 7";
    private static String rpcUrl;
    private Path home;
    private Scene scene;

    @BeforeAll
    static void chain(Anvil anvil) {
        rpcUrl = anvil.rpcUrl();
    }

    @Start
    void start(Stage stage) throws Exception {
        home = UiTestSupport.devnetHome("enclave-ui-issuer-", rpcUrl);
        scene = UiTestSupport.show(stage, home);
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.shutdown(scene);
    }

    @Test
    void createCheckIssueAndList(FxRobot robot, Anvil anvil) throws Exception {
        Session session = UiTestSupport.shell(scene).session();
        UiTestSupport.unlock(session, 0);
        fx(() -> UiTestSupport.shell(scene).show("issuer"));
        IssuerController screen = UiTestSupport.shell(scene).issuerScreen();
        Path keyFile = home.resolve("issuer").resolve("issuer-key.json");
        assertThat(find(robot, "#issuerKeyFile", TextField.class).getText()).isEqualTo(keyFile.toString());

        // Create: the repeat must match, the password must be long enough; nothing is written otherwise.
        fx(() -> {
            find(robot, "#issuerKeyPassword", TextField.class).setText(KEY_PASSWORD);
            find(robot, "#issuerKeyRepeat", TextField.class).setText(KEY_PASSWORD + "!");
        });
        click(robot, "#createKeyButton");
        assertThat(find(robot, "#keyStatus", Label.class).getText()).contains("differ");
        fx(() -> {
            find(robot, "#issuerKeyPassword", TextField.class).setText("short");
            find(robot, "#issuerKeyRepeat", TextField.class).setText("short");
        });
        click(robot, "#createKeyButton");
        waitFx(30, () -> find(robot, "#keyStatus", Label.class).getText().contains("at least 10 characters"));
        assertThat(keyFile).doesNotExist();
        UiTestSupport.screenshots(scene, "issuer-key-form");

        fx(() -> {
            find(robot, "#issuerKeyPassword", TextField.class).setText(KEY_PASSWORD);
            find(robot, "#issuerKeyRepeat", TextField.class).setText(KEY_PASSWORD);
        });
        click(robot, "#createKeyButton");
        waitFx(60, () -> visible(robot, "#publicAx"));
        assertThat(keyFile).exists();
        assertThat(find(robot, "#issuerKeyPassword", TextField.class).getText()).isEmpty();
        Issuer issuer = screen.openIssuer();
        assertThat(find(robot, "#publicAx", TextField.class).getText()).isEqualTo(issuer.ax().toString());
        assertThat(find(robot, "#publicAy", TextField.class).getText()).isEqualTo(issuer.ay().toString());
        // No devnet contracts known yet: the screen says so instead of guessing.
        waitFx(30, () -> find(robot, "#registration", Label.class).getText().contains("has no CredentialRegistry"));

        // Close, then a wrong password is refused; the right one opens the same key.
        click(robot, "#closeKeyButton");
        assertThat(screen.openIssuer()).isNull();
        fx(() -> find(robot, "#issuerKeyPassword", TextField.class).setText("not the key password"));
        click(robot, "#openKeyButton");
        waitFx(30, () -> find(robot, "#keyStatus", Label.class).getText().startsWith("Wrong password for signing key"));
        assertThat(screen.openIssuer()).isNull();
        fx(() -> find(robot, "#issuerKeyPassword", TextField.class).setText(KEY_PASSWORD));
        click(robot, "#openKeyButton");
        waitFx(60, () -> screen.openIssuer() != null);
        assertThat(screen.openIssuer()).isEqualTo(issuer);

        // The suite is deployed; the key is not registered yet, then governance registers it.
        Deployment d = UiTestSupport.deploySuite(anvil, home.resolve("deployment.json"), List.of());
        fx(() -> session.devnetProperty().set(new DevnetInfo(0, anvil.chainId(), rpcUrl, "", "", "",
                Map.of("CredentialRegistry", d.registry()), "")));
        click(robot, "#checkRegistration");
        waitFx(30, () -> find(robot, "#registration", Label.class).getText().startsWith("Not registered"));

        Credentials issuerAccount = anvil.account(0); // the wallet's account: it signs revocations
        Deployment d2 = UiTestSupport.deploySuite(anvil, home.resolve("deployment2.json"), List.of(
                new DeployConfig.Issuer(issuerAccount.getAddress(), issuer.ax(), issuer.ay(), 500)));
        fx(() -> session.devnetProperty().set(new DevnetInfo(0, anvil.chainId(), rpcUrl, "", "", "",
                Map.of("CredentialRegistry", d2.registry()), "")));
        click(robot, "#checkRegistration");
        waitFx(30, () -> find(robot, "#registration", Label.class).getText().startsWith("Registered"));
        assertThat(find(robot, "#registration", Label.class).getText()).containsIgnoringCase(issuerAccount.getAddress());

        // Issue: an address instead of a public key, and a value that is not an amount, are refused; nothing written.
        Credentials holder = Actors.fresh(anvil);
        String holderKey = Numeric.toHexString(Actors.publicKey(holder));
        @SuppressWarnings("unchecked")
        ChoiceBox<io.enclave.credentials.schema.Attribute> attributes = robot.lookup("#attributeChoice")
                .queryAs(ChoiceBox.class);
        fx(() -> {
            attributes.setValue(attributes.getItems().stream().filter(a -> a.name().equals("annualSalary")).findFirst()
                    .orElseThrow());
            find(robot, "#valueField", TextField.class).setText("82,500.00");
            find(robot, "#subjectKey", TextField.class).setText(holder.getAddress());
        });
        assertThat(find(robot, "#subjectAddress", Label.class).getText()).contains("must be 64 bytes");
        click(robot, "#issueButton");
        assertThat(find(robot, "#issueStatus", Label.class).getText()).contains("must be 64 bytes");
        fx(() -> {
            find(robot, "#subjectKey", TextField.class).setText(holderKey);
            find(robot, "#valueField", TextField.class).setText("about 80k");
        });
        assertThat(find(robot, "#subjectAddress", Label.class).getText()).containsIgnoringCase(holder.getAddress());
        click(robot, "#issueButton");
        assertThat(find(robot, "#issueStatus", Label.class).getText()).contains("is not a number");
        assertThat(home.resolve("issuer").resolve("issued")).doesNotExist();

        LocalDate until = LocalDate.now(ZoneOffset.UTC).plusDays(90);
        fx(() -> {
            find(robot, "#valueField", TextField.class).setText("82,500.00");
            find(robot, "#expiry", DatePicker.class).setValue(until);
        });
        UiTestSupport.screenshots(scene, "issuer-issue");
        click(robot, "#issueButton");
        waitFx(60, () -> find(robot, "#issueStatus", Label.class).getText().startsWith("Signed for"));
        @SuppressWarnings("unchecked")
        TableView<IssuedAttestation> table = robot.lookup("#issuedTable").queryAs(TableView.class);
        waitFx(30, () -> table.getItems().size() == 1);
        IssuedAttestation row = table.getItems().get(0);
        assertThat(row.subject()).isEqualToIgnoringCase(holder.getAddress());
        assertThat(row.schemaId()).isEqualTo("urn:enclave:schema:employment:1");
        assertThat(row.attribute()).isEqualTo("annualSalary");
        fx(() -> ((javafx.scene.control.ScrollPane) scene.getRoot().lookup(".issuer-scroll")).setVvalue(1));
        UiTestSupport.screenshots(scene, "issuer-issued");

        // The subject opens the file; the holder's checks (signature, on-chain issuer, expiry, revocation) pass.
        List<Path> files;
        try (Stream<Path> s = Files.list(home.resolve("issuer").resolve("issued"))) {
            files = s.toList();
        }
        assertThat(files).containsExactly(row.file());
        byte[] sealed = Files.readAllBytes(row.file());
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("8250000");
        SchemaRegistry schemas = SchemaRegistry.builtIn();
        Attestation a;
        try (LocalEciesKeyHolder key = new LocalEciesKeyHolder(Numeric.toBytesPadded(holder.getEcKeyPair().getPrivateKey(),
                32))) {
            a = new AttestationFile(new Secp256k1Ecies(), schemas).open(key, sealed);
        }
        assertThat(a.value().bigIntegerValue()).isEqualTo(BigInteger.valueOf(8_250_000));
        assertThat(a.subject()).isEqualTo(Numeric.toBigInt(holder.getAddress()));
        assertThat(a.issuer()).isEqualTo(issuer);
        assertThat(a.expiresAt()).isEqualTo(until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(Numeric.toHexString(a.hash())).isEqualTo(row.hash());
        CredentialRegistry registry = CredentialRegistry.load(d2.registry(), anvil.web3j(),
                new ReadonlyTransactionManager(anvil.web3j(), holder.getAddress()), new EstimatedGas(anvil.chainId()));
        CheckedAttestation checked = new AttestationChecker(new EddsaAttestationVerifier(),
                new OnChainIssuerRegistry(registry), Clock.systemUTC()).check(a);
        assertThat(checked.issuerVerified()).isTrue();

        // Revoke through the screen: the confirmation names the call before anything is signed; Reject sends nothing.
        fx(() -> table.getSelectionModel().select(0));
        fx(() -> find(robot, "#revokeButton", javafx.scene.control.Button.class).fire());
        waitFx(30, () -> visible(robot, "#revokeConfirm"));
        assertThat(robot.lookup("#revokeReject").queryButton().isFocused()).isTrue();
        fx(() -> find(robot, "#revokeReject", javafx.scene.control.Button.class).fire());
        waitFx(30, () -> find(robot, "#revokeStatus", Label.class).getText().startsWith("Rejected"));
        assertThat(new OnChainIssuerRegistry(registry).isRevoked(issuer, a.hash())).isFalse();
        // Then Sign: the checks fail.
        fx(() -> find(robot, "#revokeButton", javafx.scene.control.Button.class).fire());
        waitFx(30, () -> visible(robot, "#revokeConfirm"));
        assertThat(String.join("\n", find(robot, "#revokeConfirmGrid", javafx.scene.layout.GridPane.class)
                .getChildren().stream().map(n -> ((Label) n).getText()).toList())).contains("revokeAttestation")
                .contains("Revoke the attestation");
        UiTestSupport.screenshots(scene, "issuer-revoke-confirm");
        fx(() -> find(robot, "#revokeSign", javafx.scene.control.Button.class).fire());
        waitFx(30, () -> find(robot, "#revokeStatus", Label.class).getText().startsWith("Revocation sent"));
        OnChainIssuerRegistry onChain = new OnChainIssuerRegistry(registry);
        waitFx(30, () -> onChain.isRevoked(issuer, a.hash()));
        Attestation revoked = a;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AttestationChecker(new EddsaAttestationVerifier(),
                onChain, Clock.systemUTC()).check(revoked)).hasMessageContaining("revoked");

        // The list comes back from the vault after closing and reopening the key; locking wipes the key.
        click(robot, "#closeKeyButton");
        assertThat(table.getItems()).isEmpty();
        fx(() -> find(robot, "#issuerKeyPassword", TextField.class).setText(KEY_PASSWORD));
        click(robot, "#openKeyButton");
        waitFx(60, () -> table.getItems().size() == 1);
        fx(session::lock);
        assertThat(screen.openIssuer()).isNull();
    }

    /** Fires a button wherever the scroll pane has it (the robot clicks only what is on screen). */
    private static void click(FxRobot robot, String query) throws Exception {
        fx(() -> find(robot, query, javafx.scene.control.Button.class).fire());
    }
}
