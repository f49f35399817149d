package io.enclave.ui.purchases;

import static io.enclave.ui.UiTestSupport.find;
import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.visible;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.Groth16Proof;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.devnet.Devnet;
import io.enclave.devnet.DevnetInfo;
import io.enclave.devnet.JsToolchain;
import io.enclave.market.Progress;
import io.enclave.market.PurchaseState;
import io.enclave.market.sell.PublishRequest;
import io.enclave.testsupport.ManagedProcess;
import io.enclave.testsupport.Snarkjs;
import io.enclave.testsupport.TempDirs;
import io.enclave.testsupport.Toolchain;
import io.enclave.ui.UiTestSupport;
import io.enclave.ui.app.Session;
import io.enclave.ui.inbox.InboxController;
import io.enclave.ui.market.ListingRow;
import io.enclave.ui.onboarding.WalletSetup;
import io.enclave.ui.settings.Settings;
import io.enclave.ui.settings.SettingsStore;
import io.enclave.ui.shell.ShellController;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The buyer's journey through the real screens, on the local devnet (anvil, the suite, the IPFS daemon, the discovery
 * server on embedded PostgreSQL, the demo data): a newcomer finds a demo listing, reads its terms, buys it after
 * reviewing the transaction, the demo seller delivers, and it opens, decrypts and verifies in My purchases, with
 * discovery down and IPFS down on the way; and a seller desktop publishes through its app runtime, whose watcher
 * delivers what a second buyer bought once automatic delivery is switched on in the seller inbox's setting.
 */
@ExtendWith(ApplicationExtension.class)
class BuyerJourneyIT {
    /** anvil's development accounts 7, 8 and 9 (public keys, devnet only; the demo data uses 0 to 5). */
    private static final String SELLER_KEY = "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356";
    private static final String BUYER_KEY = "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97";
    private static final String NEWCOMER_KEY = "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6";
    /** The demo issuer registered with the devnet's suite (anvil account 1). */
    private static final String DEMO_ISSUER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String DEAD = "http://127.0.0.1:9";

    private static Path folder;
    private static Devnet devnet;
    private Scene scene;

    @BeforeAll
    static void startDevnet() throws Exception {
        ManagedProcess.sweep();
        folder = TempDirs.create("enclave-ui-buy-");
        devnet = Devnet.start(folder, new JsToolchain(Toolchain.projectDir()), m -> { });
    }

    @AfterAll
    static void stopDevnet() {
        if (devnet != null) {
            devnet.close();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        scene = UiTestSupport.scene(Files.createTempDirectory(folder, "buyer-"));
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> UiTestSupport.shell(scene).shutdown());
    }

    @Test
    void newcomerBuysADemoListingAndOpensItWithDiscoveryAndIpfsDownOnTheWay(FxRobot robot) throws Exception {
        ShellController shell = UiTestSupport.shell(scene);
        Session session = shell.session();
        DevnetInfo info = devnet.info();
        // the discovery server is down first: the search says so and names the server
        fx(() -> session.devnetProperty().set(with(info, info.ipfsApiUrl(), DEAD)));
        unlock(session, NEWCOMER_KEY);
        page("market");
        search(robot, "annual salary");
        waitFx(30, () -> visible(robot, "#browseError"));
        assertThat(find(robot, "#browseError", Label.class).getText()).startsWith("The marketplace search failed")
                .contains(DEAD);
        UiTestSupport.screenshots(scene, "buy-discovery-down");

        fx(() -> session.devnetProperty().set(info));
        ListingRow demo = findListing(robot, "annual salary", "Demo: annual salary at least 50,000");
        Label terms = find(robot, "#buyTerms", Label.class);
        waitFx(60, () -> !find(robot, "#buyButton", Button.class).isDisabled());
        assertThat(terms.getText()).contains("You pay 0.25 MOCA", "escrow", "Refund in My purchases", "dispute");
        UiTestSupport.screenshots(scene, "buy-terms");

        // the transaction is shown before it is signed; cancelling sends nothing
        robot.clickOn("#buyButton");
        waitFx(60, () -> visible(robot, "#approveSign"));
        robot.clickOn("#approveReject");
        waitFx(30, () -> find(robot, "#buyStatus", Label.class).getText().startsWith("Cancelled"));
        assertThat(session.runningServices().ownPurchases()).isEmpty();

        robot.clickOn("#buyButton");
        waitFx(60, () -> visible(robot, "#approveSign"));
        List<String> confirmation = labels(robot.lookup("#approveConfirmGrid").queryAs(GridPane.class));
        assertThat(confirmation).contains("Call", "purchase", "Simulation");
        assertThat(confirmation).anySatisfy(l -> assertThat(l).startsWith("0x").endsWith("(Marketplace)"));
        assertThat(confirmation).anySatisfy(l -> assertThat(l).contains("0.25"));
        UiTestSupport.screenshots(scene, "buy-confirm");
        robot.clickOn("#approveSign");
        waitFx(120, () -> find(robot, "#buyStatus", Label.class).getText().startsWith("Bought: purchase #"));
        UiTestSupport.screenshots(scene, "buy-bought");

        // the demo seller's watcher delivers; My purchases notices by itself
        robot.clickOn("#toPurchases");
        PurchasesController purchases = shell.purchasesScreen();
        waitFx(120, () -> purchases.rows().size() == 1 && purchases.rows().get(0).purchase().state() == PurchaseState.DELIVERED);
        PurchaseRow row = purchases.rows().get(0);
        assertThat(row.title()).isEqualTo(demo.title());
        assertThat(row.purchase().listingId()).isEqualTo(new BigInteger(demo.id()));
        assertThat(find(robot, "#purchaseExplain", Label.class).getText()).contains("delivered the key");

        // IPFS down: opening fails readably and the purchase is not rejected for it
        fx(() -> session.devnetProperty().set(with(info, DEAD, info.discoveryUrl())));
        robot.clickOn("#openPurchase");
        waitFx(60, () -> find(robot, "#purchaseStatus", Label.class).getText().contains("cannot be fetched"));
        waitFx(30, () -> purchases.rows().get(0).purchase().state() == PurchaseState.DELIVERED);
        UiTestSupport.screenshots(scene, "purchases-ipfs-down");

        fx(() -> session.devnetProperty().set(info));
        waitFx(30, () -> !find(robot, "#openPurchase", Button.class).isDisabled());
        robot.clickOn("#openOnChain"); // and ask the circuit's verifier contract too (a read, no transaction)
        robot.clickOn("#openPurchase");
        waitFx(180, () -> visible(robot, "#credentialBox"));
        assertThat(find(robot, "#verifyBadge", Label.class).getText()).isEqualTo("✓ Proof verified");
        assertThat(robot.lookup("#credentialGrid").queryAs(javafx.scene.layout.GridPane.class).getChildren().stream()
                .filter(n -> n instanceof Label).map(n -> ((Label) n).getText()))
                .anyMatch(t -> t.contains("the circuit's verifier contract accepts the proof"));
        assertThat(find(robot, "#credentialStatement", Label.class).getText()).isNotBlank();
        waitFx(30, () -> "Verified".equals(purchases.rows().get(0).stateWords()));
        UiTestSupport.screenshots(scene, "purchases-verified");

        Path vc = folder.resolve("newcomer.vc.json");
        Path json = folder.resolve("newcomer.json");
        fx(() -> {
            purchases.export(row.purchase().id(), vc, true);
            purchases.export(row.purchase().id(), json, false);
        });
        JsonNode vcDoc = Snarkjs.json().readTree(vc.toFile());
        assertThat(vcDoc.get("type").toString()).contains("VerifiableCredential");
        assertThat(vcDoc.toString()).contains("EnclaveGroth16Proof2026");
        assertThat(Snarkjs.json().readTree(json.toFile()).path("type").asText()).isEqualTo(CredentialPackage.TYPE);
    }

    @Test
    void theSellersRuntimeDeliversWhenSwitchedOnAndTheBuyerRefundsALateOneAndDisputes(FxRobot robot) throws Exception {
        DevnetInfo info = devnet.info();
        // the seller's desktop: automatic delivery off at first
        Path sellerHome = Files.createTempDirectory(folder, "seller-");
        new SettingsStore(sellerHome).save(Settings.DEFAULTS.withAutoDeliver(false));
        Scene[] holder = new Scene[1];
        fx(() -> holder[0] = UiTestSupport.scene(sellerHome));
        Scene sellerScene = holder[0];
        ShellController sellerShell = UiTestSupport.shell(sellerScene);
        Session seller = sellerShell.session();
        try {
            fx(() -> seller.devnetProperty().set(info));
            unlock(seller, SELLER_KEY);
            String delivered = "UI journey: salary at least 18";
            String late = "UI journey: refunded when late";
            io.enclave.market.Listing listing = publish(seller, sellerScene, delivered, 777);
            publish(seller, sellerScene, late, 778);

            // a buyer finds both through discovery; buys the second, which the seller lets pass its deadline
            Session buyer = UiTestSupport.shell(scene).session();
            fx(() -> buyer.devnetProperty().set(info));
            unlock(buyer, BUYER_KEY);
            page("market");
            buy(robot, "UI journey", late);
            BigInteger latePurchase = buyer.runningServices().ownPurchases().get(0).purchaseId();
            var due = buyer.runningServices().buy().purchase(latePurchase).deliverBy();
            long now = buyer.runningServices().chain().chainTime();
            advanceChainTime(info.rpcUrl(), due.getEpochSecond() - now + 60);
            buy(robot, "UI journey", delivered);
            BigInteger purchaseId = buyer.runningServices().ownPurchases().get(0).purchaseId();
            assertThat(purchaseId).isNotEqualTo(latePurchase);

            // the seller inbox lists both as waiting; nothing is delivered while automatic delivery is off
            InboxController inbox = sellerShell.inboxScreen();
            fx(() -> sellerShell.show("inbox"));
            waitFx(60, () -> inbox.rows().size() == 2);
            assertThat(inbox.rows()).extracting(io.enclave.market.Purchase::id).containsExactly(latePurchase, purchaseId);
            assertThat(inbox.rows().get(1).listingId()).isEqualTo(listing.id());
            assertThat(((Label) sellerScene.getRoot().lookup("#autoStatus")).getText())
                    .startsWith("Automatic delivery is off");
            UiTestSupport.screenshots(sellerScene, "inbox-waiting");
            TimeUnit.SECONDS.sleep(4); // more than a runner pass
            assertThat(buyer.runningServices().buy().purchase(purchaseId).state()).isEqualTo(PurchaseState.ESCROWED);

            // the late one is refundable in My purchases: the refund goes through the confirmation card
            page("purchases");
            PurchasesController purchases = UiTestSupport.shell(scene).purchasesScreen();
            select(robot, latePurchase);
            waitFx(60, () -> stateOf(purchases, latePurchase).equals("Refundable"));
            assertThat(find(robot, "#purchaseExplain", Label.class).getText()).contains("Take a refund");
            UiTestSupport.screenshots(scene, "purchases-refundable");
            robot.clickOn("#refundPurchase");
            waitFx(60, () -> visible(robot, "#approveSign"));
            robot.clickOn("#approveSign");
            waitFx(120, () -> stateOf(purchases, latePurchase).equals("Refunded"));

            // switched on in Settings: the runtime's watcher delivers the other one by itself, asking nothing
            fx(() -> seller.updateSettings(seller.settings().withAutoDeliver(true)));
            waitFx(120, () -> seller.runnerEvents().stream().anyMatch(e -> e.endsWith("Delivered the key of purchase #"
                    + purchaseId)));
            assertThat(seller.approvals().open()).isFalse();
            assertThat(buyer.runningServices().buy().purchase(latePurchase).state()).isEqualTo(PurchaseState.REFUNDED);
            fx(inbox::refresh);
            waitFx(60, () -> inbox.rows().isEmpty());
            UiTestSupport.screenshots(sellerScene, "inbox-delivered");
            sellerWithdrawsTheProceeds(seller, sellerShell, sellerScene, info.rpcUrl());

            select(robot, purchaseId);
            waitFx(60, () -> stateOf(purchases, purchaseId).equals("Delivered"));
            robot.clickOn("#openPurchase");
            waitFx(180, () -> visible(robot, "#credentialBox"));
            assertThat(find(robot, "#verifyBadge", Label.class).getText()).isEqualTo("✓ Proof verified");

            // a dispute with a statement and an evidence file, uploaded to IPFS
            Path evidence = folder.resolve("evidence.txt");
            Files.writeString(evidence, "The credential is not the one described in the listing.\n");
            robot.clickOn("#disputePurchase");
            fx(() -> {
                find(robot, "#disputeText", javafx.scene.control.TextArea.class).setText("Not what the listing says.");
                purchases.attachEvidence(evidence);
            });
            assertThat(find(robot, "#disputeAttached", Label.class).getText()).startsWith("evidence.txt");
            UiTestSupport.screenshots(scene, "purchases-dispute");
            fx(() -> find(robot, "#disputeSend", Button.class).fire()); // below the fold on a small window
            waitFx(60, () -> visible(robot, "#approveSign"));
            robot.clickOn("#approveSign");
            waitFx(120, () -> stateOf(purchases, purchaseId).equals("Disputed"));
            assertThat(find(robot, "#purchaseStatus", Label.class).getText()).contains("Dispute opened");
        } finally {
            fx(sellerShell::shutdown);
        }
    }

    /**
     * The seller withdraws the sale's proceeds from the Wallet screen: the button names the amount, a first card is
     * cancelled (nothing sent), the second is signed, and the balance grows by the proceeds minus the gas paid.
     */
    private static void sellerWithdrawsTheProceeds(Session seller, ShellController sellerShell, Scene sellerScene,
                                                   String rpcUrl) throws Exception {
        BigInteger owed = seller.services().payments().owed().total();
        assertThat(owed).isPositive();
        String words = seller.services().chain().amount(owed);
        fx(() -> sellerShell.show("wallet"));
        Button withdraw = (Button) sellerScene.getRoot().lookup("#withdrawButton");
        waitFx(60, () -> withdraw.getText().equals("Withdraw " + words) && !withdraw.isDisabled());
        Label status = (Label) sellerScene.getRoot().lookup("#withdrawStatus");
        assertThat(status.getText()).startsWith("Marketplace: " + words);
        UiTestSupport.screenshots(sellerScene, "wallet-withdraw");
        Label result = (Label) sellerScene.getRoot().lookup("#withdrawResult");

        fx(withdraw::fire);
        waitFx(60, () -> sellerScene.getRoot().lookup("#approveReject") != null);
        UiTestSupport.screenshots(sellerScene, "wallet-withdraw-confirm");
        fx(() -> ((Button) sellerScene.getRoot().lookup("#approveReject")).fire());
        waitFx(60, () -> result.getText().equals("Cancelled: nothing was sent."));
        assertThat(seller.services().payments().owed().total()).isEqualTo(owed);

        org.web3j.protocol.Web3j web3 = org.web3j.protocol.Web3j.build(new org.web3j.protocol.http.HttpService(rpcUrl));
        try {
            String account = seller.services().account();
            BigInteger before = web3.ethGetBalance(account, org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                    .send().getBalance();
            waitFx(60, () -> !withdraw.isDisabled());
            fx(withdraw::fire);
            waitFx(60, () -> sellerScene.getRoot().lookup("#approveSign") instanceof Button b && !b.isDisabled());
            fx(() -> ((Button) sellerScene.getRoot().lookup("#approveSign")).fire());
            waitFx(120, () -> result.getText().startsWith("Withdrew " + words));
            waitFx(60, () -> status.getText().startsWith("Nothing to withdraw") && withdraw.isDisabled());
            assertThat(seller.services().payments().owed().total()).isZero();
            // the withdrawal is in the activity list; the balance grew by the proceeds minus its gas
            var activity = seller.vault().activity().recent(seller.network().chainId(), account, 5);
            String call = seller.services().chain().market().withdrawPayments().encodeFunctionCall();
            var tx = activity.stream().filter(a -> call.equalsIgnoreCase(a.data())).findFirst().orElseThrow();
            var receipt = web3.ethGetTransactionReceipt(tx.hash()).send().getTransactionReceipt().orElseThrow();
            BigInteger gas = receipt.getGasUsed().multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice()));
            BigInteger after = web3.ethGetBalance(account, org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                    .send().getBalance();
            assertThat(after.subtract(before)).isEqualTo(owed.subtract(gas));
            @SuppressWarnings("unchecked")
            TableView<io.enclave.vault.Activity> table = (TableView<io.enclave.vault.Activity>) sellerScene.getRoot()
                    .lookup("#activityTable");
            waitFx(30, () -> table.getItems().stream().anyMatch(a -> a.hash().equals(tx.hash())));
            UiTestSupport.screenshots(sellerScene, "wallet-withdrawn");
        } finally {
            web3.shutdown();
        }
    }

    private static io.enclave.market.Listing publish(Session seller, Scene sellerScene, String title, int tag)
            throws Exception {
        CredentialPackage pkg = credential(tag);
        CompletableFuture<io.enclave.market.Listing> listed = CompletableFuture.supplyAsync(() ->
                seller.services().sell().publish(pkg, new PublishRequest(title, "A range proof published by the "
                        + "seller's desktop runtime", BigInteger.TEN.pow(17), DEMO_ISSUER), Progress.NONE));
        approveUntilDone(sellerScene, listed);
        return listed.get();
    }

    private static void buy(FxRobot robot, String search, String title) throws Exception {
        findListing(robot, search, title);
        waitFx(60, () -> !find(robot, "#buyButton", Button.class).isDisabled());
        robot.clickOn("#buyButton");
        waitFx(60, () -> visible(robot, "#approveSign"));
        robot.clickOn("#approveSign");
        waitFx(120, () -> find(robot, "#buyStatus", Label.class).getText().startsWith("Bought: purchase #"));
    }

    private static void select(FxRobot robot, BigInteger purchaseId) throws Exception {
        @SuppressWarnings("unchecked")
        TableView<PurchaseRow> table = robot.lookup("#purchasesTable").queryAs(TableView.class);
        waitFx(60, () -> table.getItems().stream().anyMatch(r -> r.purchase().id().equals(purchaseId)));
        fx(() -> table.getItems().stream().filter(r -> r.purchase().id().equals(purchaseId)).findFirst()
                .ifPresent(r -> table.getSelectionModel().select(r)));
    }

    private static String stateOf(PurchasesController purchases, BigInteger id) {
        return purchases.rows().stream().filter(r -> r.purchase().id().equals(id)).map(PurchaseRow::stateWords)
                .findFirst().orElse("");
    }

    /** Moves anvil's clock forward and mines a block (the delivery deadline passes). */
    private static void advanceChainTime(String rpcUrl, long seconds) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String body : List.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"evm_increaseTime\",\"params\":["
                + seconds + "]}", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"evm_mine\",\"params\":[]}")) {
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(rpcUrl))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).doesNotContain("\"error\"");
        }
    }

    private static void unlock(Session session, String key) throws Exception {
        var wallet = new WalletSetup(session.walletFile(), UiTestSupport.TEST_KDF)
                .importPrivateKey(key.toCharArray(), "a long wallet password".toCharArray());
        fx(() -> session.unlocked(wallet));
    }

    /**
     * Shows a page of the buyer's shell as its navigation button does. Not a robot click: the CI saw the market page
     * missing right after {@code clickOn("#nav-market")} returned (EmptyNodeQueryException for #results).
     */
    private void page(String id) throws Exception {
        fx(() -> UiTestSupport.shell(scene).show(id));
    }

    private static void search(FxRobot robot, String text) throws Exception {
        fx(() -> find(robot, "#searchText", TextField.class).setText(text));
        robot.clickOn("#searchButton");
    }

    /** Searches until the indexer has the listing with its metadata, then selects it. */
    private static ListingRow findListing(FxRobot robot, String text, String title) throws Exception {
        @SuppressWarnings("unchecked")
        TableView<ListingRow> table = robot.lookup("#results").queryAs(TableView.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            search(robot, text);
            try {
                waitFx(10, () -> table.getItems().stream().anyMatch(l -> title.equals(l.title())));
                break;
            } catch (java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
        ListingRow l = table.getItems().stream().filter(x -> title.equals(x.title())).findFirst().orElseThrow();
        fx(() -> table.getSelectionModel().select(l));
        return l;
    }

    /** Plays the seller: approves every transaction card its desktop shows until {@code work} is done. */
    private static void approveUntilDone(Scene sellerScene, CompletableFuture<?> work) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!work.isDone()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("publishing did not finish");
            }
            WaitForAsyncUtils.asyncFx(() -> {
                Node sign = sellerScene.getRoot().lookup("#approveSign");
                if (sign instanceof Button b && !b.isDisabled()) {
                    b.fire();
                }
            }).get();
            TimeUnit.MILLISECONDS.sleep(200);
        }
        work.get();
    }

    private static List<String> labels(GridPane grid) {
        List<String> out = new ArrayList<>();
        grid.getChildren().forEach(n -> out.add(((Label) n).getText()));
        return out;
    }

    private static DevnetInfo with(DevnetInfo i, String ipfs, String discovery) {
        return new DevnetInfo(i.pid(), i.chainId(), i.rpcUrl(), ipfs, i.ipfsGatewayUrl(), discovery, i.contracts(),
                i.startedAt());
    }

    /** A credential package with a real Groth16 proof of the shipped range circuit (made by snarkjs). */
    private static CredentialPackage credential(int tag) throws Exception {
        ObjectNode q = Snarkjs.json().createObjectNode();
        q.put("circuit", "range");
        q.put("issuerKey", "0x" + "11".repeat(32));
        q.put("schema", "1001");
        q.put("attribute", "3");
        q.put("salt", "314159265358979323846264338327950288419716939937510");
        q.put("subject", "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955");
        q.put("expiry", "1900000000");
        q.put("timeBound", "1800000000");
        q.put("buyer", "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f");
        q.put("listingId", "1");
        q.put("chainId", "31337");
        q.put("value", "42");
        q.put("lower", "18");
        q.put("upper", "65");
        JsonNode r;
        try {
            r = Snarkjs.attest("prove", q);
        } catch (RuntimeException e) {
            throw new IllegalStateException("snarkjs could not prove", e);
        }
        assertThat(r.path("ok").asBoolean()).as("snarkjs proves: %s", r.path("error").asText()).isTrue();
        List<BigInteger> signals = new ArrayList<>();
        r.get("publicSignals").forEach(s -> signals.add(new BigInteger(s.asText())));
        Predicate p = Predicate.create(SchemaRegistry.builtIn().latest("employment"), "salary-at-least",
                List.of(JsonNodeFactory.instance.numberNode(18)));
        byte[] vk = Files.readAllBytes(Snarkjs.circuitDir("range").resolve("verification_key.json"));
        return new CredentialPackage(p.schemaId(), p, "range", Numeric.toHexString(Hash.sha3(vk)),
                Groth16Proof.fromJson(r.get("proof"), "proof"), signals,
                new Issuer(Issuer.Provenance.ISSUER, signals.get(0), signals.get(1)), signals.get(5),
                Instant.ofEpochSecond(1_800_000_000L + tag), Instant.ofEpochSecond(1_900_000_000L));
    }
}
