package io.enclave.ui.trust;

import static io.enclave.ui.UiTestSupport.find;
import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.visible;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.chain.Actors;
import io.enclave.chain.EstimatedGas;
import io.enclave.chain.contracts.TrustStaking;
import io.enclave.chain.deploy.DeployConfig;
import io.enclave.chain.deploy.Deployment;
import io.enclave.chain.deploy.DeploymentFile;
import io.enclave.chain.deploy.SuiteDeployer;
import io.enclave.devnet.DevnetInfo;
import io.enclave.discovery.DbFixture;
import io.enclave.discovery.api.TrustGraph;
import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.discovery.indexer.EventMappings;
import io.enclave.discovery.indexer.Indexer;
import io.enclave.discovery.indexer.IndexerConfig;
import io.enclave.discovery.server.DiscoveryServer;
import io.enclave.market.Proposal;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import io.enclave.testsupport.Postgres;
import io.enclave.testsupport.PostgresExtension;
import io.enclave.testsupport.TempDirs;
import io.enclave.ui.UiTestSupport;
import io.enclave.ui.app.Session;
import io.enclave.ui.gov.GovernanceController;
import io.enclave.ui.onboarding.WalletSetup;
import io.enclave.ui.settings.Settings;
import io.enclave.ui.shell.ShellController;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.web3j.crypto.Credentials;

/**
 * The voucher's journey through the real Trust and Governance screens, against anvil with the suite deployed by the
 * Java deployer, the discovery server on embedded PostgreSQL indexing that chain, and an IPFS node for the evidence:
 * vouch (confirmation first), see it, look the seller up (reputation parts, trust graph, click to re-center), report
 * the seller with an evidence file, vote, a second vote refused in words, queue, execute refused before the timelock
 * and done after it, the slash seen in my vouch, request the withdrawal, withdraw refused while unbonding and done after.
 * And the RPC down: every action says so and nothing breaks.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class, IpfsExtension.class, ApplicationExtension.class})
class TrustJourneyIT {
    private static final BigInteger MOCA = BigInteger.TEN.pow(18);
    private static final long TIMELOCK = 3_600;
    private Scene scene;

    @Start
    void start(Stage s) throws Exception {
        scene = UiTestSupport.scene(TempDirs.create("enclave-ui-trust-"));
        s.setScene(scene);
        s.setWidth(1280);
        s.setHeight(800);
        s.show();
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> UiTestSupport.shell(scene).shutdown());
    }

    @Test
    void vouchReportVoteQueueExecuteUnbondAndWithdraw(FxRobot robot, Anvil anvil, Postgres.Schema schema, IpfsNode ipfs,
                                                      @TempDir Path dir) throws Exception {
        long start = anvil.blockNumber().longValueExact() + 1;
        DeployConfig b = DeployConfig.devnet(anvil.account(1).getAddress());
        DeployConfig config = new DeployConfig(b.guardian(), b.treasury(), b.feeBps(), b.deliveryWindow(), b.disputeWindow(),
                b.minStake(), b.unbondingPeriod(), TIMELOCK, b.votingDelayBlocks(), b.votingPeriodBlocks(),
                b.proposalThreshold(), b.quorumPercent(), b.issuers(), b.circuits());
        Deployment d = new SuiteDeployer(Actors.manager(anvil, anvil.account(0)),
                DeploymentFile.open(dir.resolve("deployment.json")), m -> { }).deploy(config);
        Credentials me = anvil.account(0);
        String my = lower(me);
        Credentials seller = Actors.fresh(anvil);
        Credentials other = Actors.fresh(anvil);
        Credentials friend = Actors.fresh(anvil);
        staking(anvil, d, other).vouch(seller.getAddress(), MOCA.multiply(BigInteger.valueOf(5))).send();
        staking(anvil, d, seller).vouch(friend.getAddress(), MOCA.multiply(BigInteger.TWO)).send();

        Map<String, String> named = new LinkedHashMap<>();
        named.put(EventMappings.MARKETPLACE, d.marketplace());
        named.put(EventMappings.REGISTRY, d.registry());
        named.put(EventMappings.STAKING, d.staking());
        named.put(EventMappings.GOVERNOR, d.governor());
        try (DiscoveryDatabase db = DbFixture.open(schema);
             DiscoveryServer server = new DiscoveryServer(db.dataSource(), new PrometheusMeterRegistry(
                     PrometheusConfig.DEFAULT), db::activeConnections, new DiscoveryServer.Settings("127.0.0.1", 0, 0, 0, 30))
                     .start("127.0.0.1", 0)) {
            Indexer indexer = new Indexer(db.dataSource(), new io.enclave.discovery.indexer.Web3ChainSource(anvil.rpcUrl()),
                    new IndexerConfig(named, start, 0, 7, 100_000, 5_000, Duration.ofMillis(10)), new SimpleMeterRegistry());
            indexer.catchUp();
            ShellController shell = UiTestSupport.shell(scene);
            Session session = shell.session();
            var wallet = new WalletSetup(session.walletFile(), UiTestSupport.TEST_KDF)
                    .importPrivateKey(Anvil.KEYS.get(0).toCharArray(), "a long wallet password".toCharArray());
            fx(() -> {
                session.updateSettings(new Settings("devnet", List.of(anvil.rpcUrl()), anvil.chainId(), ipfs.apiUrl(),
                        "https://api.pinata.cloud", List.of(), "http://127.0.0.1:" + server.port(), 10, false, true));
                session.devnetProperty().set(new DevnetInfo(0, anvil.chainId(), anvil.rpcUrl(), ipfs.apiUrl(), "", "",
                        UiTestSupport.contracts(d), ""));
                session.unlocked(wallet);
            });

            // ---- vouch: the confirmation first, then the vouch in "My vouches"
            fx(() -> shell.show("trust"));
            String s = lower(seller);
            setText(robot, "#sellerField", s);
            setText(robot, "#amountField", "10");
            fire(robot, "#vouchButton");
            waitFx(60, () -> visible(robot, "#trustConfirm"));
            String confirm = String.join("\n", texts(robot.lookup("#trustConfirmGrid").query()));
            assertThat(confirm).contains("10 MOCA").containsIgnoringCase(s.substring(2, 10)).contains("succeeds");
            UiTestSupport.screenshots(scene, "trust-confirm");
            fire(robot, "#trustSign");
            waitFx(60, () -> text(robot, "#sellerStatus").startsWith("Vouched"));
            @SuppressWarnings("unchecked")
            TableView<TrustController.VouchRow> vouches = robot.lookup("#vouchTable").queryAs(TableView.class);
            waitFx(30, () -> vouches.getItems().stream().anyMatch(r -> r.vouch().vouchee().equals(s)));
            TrustController.VouchRow row = row(vouches, s);
            assertThat(row.active()).isEqualTo("10 MOCA");
            assertThat(row.state()).isEqualTo("Active");
            assertThat(row.vouch().votingPower()).isEqualTo(MOCA.multiply(BigInteger.TEN));

            // ---- declining a confirmation sends nothing
            BigInteger nonce = nonce(anvil, my);
            setText(robot, "#amountField", "1");
            fire(robot, "#vouchButton");
            waitFx(60, () -> visible(robot, "#trustConfirm"));
            fire(robot, "#trustReject");
            waitFx(30, () -> text(robot, "#sellerStatus").startsWith("Cancelled"));
            assertThat(text(robot, "#sellerStatus")).contains("nothing was sent");
            assertThat(nonce(anvil, my)).isEqualTo(nonce);

            // ---- look up: the chain's reputation, the server's score in parts, the graph; click a wallet to re-center
            indexer.catchUp();
            fire(robot, "#lookUpButton");
            TrustGraphView graph = shell.trustScreen().graphView();
            waitFx(60, () -> graph.graph() != null && graph.graph().center().equals(s));
            assertThat(text(robot, "#chainReputation")).contains("15 MOCA staked by 2 voucher(s)");
            assertThat(graph.graph().nodes()).extracting(TrustGraph.Node::address)
                    .contains(s, my, lower(other), lower(friend));
            assertThat(graph.graph().edges()).anySatisfy(e -> {
                assertThat(e.voucher()).isEqualTo(my);
                assertThat(e.subject()).isEqualTo(s);
            });
            List<String> parts = texts(robot.lookup("#reputationGrid").query());
            assertThat(parts).contains("Stake", "Vouchers", "Sales", "Refunds", "Slashes", "+50");
            assertThat(parts).anyMatch(t -> t.contains("15 MOCA net stake"));
            scrollTo(robot, 0.55);
            UiTestSupport.screenshots(scene, "trust-graph");
            fx(() -> graph.zoom(1.5));
            assertThat(graph.scale()).isEqualTo(1.5);
            fx(() -> graph.resetView());
            clickNode(graph, lower(friend));
            waitFx(60, () -> graph.graph() != null && graph.graph().center().equals(lower(friend)));
            assertThat(find(robot, "#sellerField", TextField.class).getText()).isEqualTo(lower(friend));

            // ---- report the seller with an evidence file: a proposal to slash, the evidence on IPFS
            setText(robot, "#sellerField", s);
            assertThat(text(robot, "#reportTitle")).isEqualTo("Report seller " + s);
            assertThat(text(robot, "#reputationTitle")).as("the other wallet's reputation is not shown for this one")
                    .isEqualTo("Reputation");
            Path evidence = dir.resolve("chat-log.txt");
            Files.writeString(evidence, "The seller's package did not open; the key was for another buyer.");
            fx(() -> {
                find(robot, "#statementField", TextArea.class).setText("Sold me a key that opens nothing.\nDetails attached.");
                find(robot, "#evidenceField", TextField.class).setText(evidence.toString());
                find(robot, "#slashField", TextField.class).setText("10");
            });
            fire(robot, "#reportButton");
            waitFx(60, () -> visible(robot, "#trustConfirm"));
            fire(robot, "#trustSign");
            waitFx(60, () -> text(robot, "#reportStatus").contains("is open"));
            scrollTo(robot, 1.0);
            UiTestSupport.screenshots(scene, "trust-report");

            // ---- governance: vote, a second vote refused in words, queue, execute refused early, then executed
            fx(() -> shell.show("governance"));
            @SuppressWarnings("unchecked")
            TableView<Proposal> proposals = robot.lookup("#proposalTable").queryAs(TableView.class);
            waitFx(60, () -> proposals.getItems().size() == 1);
            Proposal p = proposals.getItems().get(0);
            assertThat(p.state()).isEqualTo("Pending");
            assertThat(p.description()).contains("Sold me a key that opens nothing.").contains("evidence ipfs://b");
            anvil.mine((int) config.votingDelayBlocks() + 1);
            fire(robot, "#govRefresh");
            waitFx(60, () -> !proposals.getItems().isEmpty() && "Active".equals(proposals.getItems().get(0).state()));
            fx(() -> proposals.getSelectionModel().select(0));
            List<String> actions = texts(robot.lookup("#actionsBox").query());
            assertThat(actions).singleElement().asString().contains("slash 10% of the stake vouching for");
            fire(robot, "#voteFor");
            waitFx(60, () -> visible(robot, "#govConfirm"));
            UiTestSupport.screenshots(scene, "governance-confirm");
            fire(robot, "#govSign");
            waitFx(60, () -> text(robot, "#govActionStatus").startsWith("Your vote (for) is counted"));
            assertThat(proposals.getItems().get(0).votesFor()).isEqualTo(MOCA.multiply(BigInteger.TEN));
            fire(robot, "#voteAgainst");
            waitFx(60, () -> text(robot, "#govActionStatus").contains("already voted"));
            assertThat(visible(robot, "#govConfirm")).as("a failing vote is not offered for signing").isFalse();

            anvil.mine((int) config.votingPeriodBlocks() + 1);
            fire(robot, "#govRefresh");
            waitFx(60, () -> "Succeeded".equals(proposals.getItems().get(0).state()));
            fx(() -> proposals.getSelectionModel().select(0));
            fire(robot, "#queueButton");
            waitFx(60, () -> visible(robot, "#govConfirm"));
            fire(robot, "#govSign");
            waitFx(60, () -> "Queued".equals(proposals.getItems().get(0).state()));
            fire(robot, "#executeButton");
            waitFx(60, () -> text(robot, "#govActionStatus").contains("timelock delay"));
            anvil.increaseTime(TIMELOCK + 1);
            fire(robot, "#executeButton");
            waitFx(60, () -> visible(robot, "#govConfirm"));
            fire(robot, "#govSign");
            waitFx(60, () -> "Executed".equals(proposals.getItems().get(0).state()));
            UiTestSupport.screenshots(scene, "governance");

            // ---- the slash took 10% of my stake; request the withdrawal, refused while unbonding, then withdrawn
            fx(() -> shell.show("trust"));
            waitFx(60, () -> !vouches.getItems().isEmpty() && row(vouches, s) != null
                    && "9 MOCA".equals(row(vouches, s).active()));
            fx(() -> vouches.getSelectionModel().select(row(vouches, s)));
            fire(robot, "#unbondButton");
            waitFx(60, () -> visible(robot, "#trustConfirm"));
            String days = UnbondingWords.span(java.time.Duration.ofSeconds(config.unbondingPeriod()));
            assertThat(String.join("\n", texts(robot.lookup("#trustConfirmGrid").query())))
                    .as("the unbonding period, read from the chain, before signing")
                    .contains("your stake can be withdrawn after " + days + ", on ");
            assertThat(text(robot, "#vouchesStatus")).startsWith("If you sign, your stake can be withdrawn after " + days);
            fire(robot, "#trustSign");
            waitFx(60, () -> text(robot, "#vouchesStatus").startsWith("Unbonding 9 MOCA until"));
            waitFx(30, () -> row(vouches, s) != null && row(vouches, s).state().startsWith("Unbonding: ")
                    && row(vouches, s).state().contains(" left (until "));
            fx(() -> vouches.getSelectionModel().select(row(vouches, s)));
            BigInteger before = anvil.web3j().ethGetBalance(my, org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                    .send().getBalance();
            fire(robot, "#withdrawButton");
            waitFx(60, () -> text(robot, "#vouchesStatus").startsWith("The unbonding period is not over yet"));
            scrollTo(robot, 0.2);
            UiTestSupport.screenshots(scene, "trust-unbonding");
            anvil.increaseTime(config.unbondingPeriod() + 1);
            fire(robot, "#refreshVouches");
            waitFx(60, () -> row(vouches, s) != null && row(vouches, s).state().equals("Ready to withdraw"));
            fx(() -> vouches.getSelectionModel().select(row(vouches, s)));
            fire(robot, "#withdrawButton");
            waitFx(60, () -> visible(robot, "#trustConfirm"));
            fire(robot, "#trustSign");
            waitFx(60, () -> text(robot, "#vouchesStatus").equals("Withdrew 9 MOCA to your account."));
            waitFx(30, () -> row(vouches, s) != null && row(vouches, s).state().equals("Withdrawn"));
            BigInteger after = anvil.web3j().ethGetBalance(my, org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                    .send().getBalance();
            assertThat(after.subtract(before)).isGreaterThan(MOCA.multiply(BigInteger.valueOf(9)).subtract(MOCA.divide(
                    BigInteger.valueOf(100))));
        }
    }

    @Test
    void withTheRpcDownEveryActionSaysSoAndNothingBreaks(FxRobot robot, Anvil anvil) throws Exception {
        ShellController shell = UiTestSupport.shell(scene);
        Session session = shell.session();
        var wallet = new WalletSetup(session.walletFile(), UiTestSupport.TEST_KDF)
                .importPrivateKey(Anvil.KEYS.get(0).toCharArray(), "a long wallet password".toCharArray());
        String dead = "http://127.0.0.1:9";
        Map<String, String> contracts = new LinkedHashMap<>();
        for (String n : List.of("CredentialRegistry", "Marketplace", "TrustStaking", "EnclaveGovernor", "EnclaveTimelock")) {
            contracts.put(n, String.format("0x%040x", n.hashCode() & 0xffffffffL));
        }
        fx(() -> {
            session.updateSettings(new Settings("devnet", List.of(dead), anvil.chainId(), dead, "https://api.pinata.cloud",
                    List.of(), dead, 10, false, true));
            session.devnetProperty().set(new DevnetInfo(0, anvil.chainId(), dead, dead, "", "", contracts, ""));
            session.unlocked(wallet);
        });
        fx(() -> shell.show("trust"));
        waitFx(60, () -> text(robot, "#vouchesStatus").contains("Cannot reach the devnet RPC"));
        setText(robot, "#sellerField", String.format("0x%040x", 42));
        setText(robot, "#amountField", "1");
        fire(robot, "#vouchButton");
        waitFx(60, () -> text(robot, "#sellerStatus").contains("Cannot reach the devnet RPC"));
        assertThat(text(robot, "#sellerStatus")).contains("127.0.0.1:9").contains("RPC URLs are in Settings");
        assertThat(visible(robot, "#trustConfirm")).isFalse();
        UiTestSupport.screenshots(scene, "trust-rpc-down");
        fx(() -> shell.show("governance"));
        waitFx(60, () -> text(robot, "#govListStatus").contains("Cannot reach the devnet RPC"));
        assertThat(find(robot, "#voteFor", Button.class).isDisabled()).isTrue();
        GovernanceController gov = shell.governanceScreen();
        assertThat(gov).isNotNull();
    }

    // ------------------------------------------------------------------ helpers

    /** Waits for {@code condition}; on a timeout the failure shows what the screen's status lines said. */
    private static void waitFx(int seconds, java.util.function.BooleanSupplier condition) throws Exception {
        try {
            UiTestSupport.waitFx(seconds, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            StringBuilder said = new StringBuilder("timed out; the screen says:");
            for (String q : List.of("#sellerStatus", "#vouchesStatus", "#reputationStatus", "#graphStatus", "#reportStatus",
                    "#govListStatus", "#govActionStatus", "#trustBusy", "#govBusy")) {
                Label l = new FxRobot().lookup(q).tryQuery().filter(Label.class::isInstance).map(Label.class::cast).orElse(null);
                said.append("\n  ").append(q).append(": ").append(l == null ? "(not shown)" : l.getText());
            }
            throw new AssertionError(said.toString(), e);
        }
    }

    private static TrustStaking staking(Anvil anvil, Deployment d, Credentials who) throws Exception {
        return TrustStaking.load(d.staking(), anvil.web3j(), Actors.manager(anvil, who), new EstimatedGas(anvil.chainId()));
    }

    private static BigInteger nonce(Anvil anvil, String address) throws Exception {
        return anvil.web3j().ethGetTransactionCount(address, org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
    }

    private static TrustController.VouchRow row(TableView<TrustController.VouchRow> table, String seller) {
        return table.getItems().stream().filter(r -> r.vouch().vouchee().equals(seller)).findFirst().orElse(null);
    }

    /** Presses and releases the mouse on a node of the graph, as a click does. */
    private static void clickNode(TrustGraphView graph, String address) throws Exception {
        fx(() -> {
            // a MouseEvent made without a source carries scene coordinates; dispatch turns them into the canvas's own
            Point2D at = graph.localToScene(graph.positionOf(address).orElseThrow());
            Canvas canvas = (Canvas) graph.getChildrenUnmodifiable().get(0);
            for (var type : List.of(MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_RELEASED)) {
                Event.fireEvent(canvas, new MouseEvent(type, at.getX(), at.getY(), 0, 0, MouseButton.PRIMARY, 1,
                        false, false, false, false, true, false, false, true, false, false, null));
            }
        });
    }

    private static void scrollTo(FxRobot robot, double v) throws Exception {
        fx(() -> robot.lookup(".trust-scroll").queryAs(ScrollPane.class).setVvalue(v));
    }

    private static void setText(FxRobot robot, String query, String text) throws Exception {
        fx(() -> find(robot, query, TextField.class).setText(text));
    }

    private static void fire(FxRobot robot, String query) throws Exception {
        fx(() -> {
            Button b = find(robot, query, Button.class);
            assertThat(b.isDisabled()).as(query + " is enabled").isFalse();
            b.fire();
        });
    }

    private static String text(FxRobot robot, String query) {
        return find(robot, query, Label.class).getText();
    }

    private static List<String> texts(Node root) {
        return labels(root).toList();
    }

    private static java.util.stream.Stream<String> labels(Node n) {
        java.util.stream.Stream<String> self = n instanceof Label l ? java.util.stream.Stream.of(l.getText())
                : java.util.stream.Stream.empty();
        if (n instanceof javafx.scene.Parent p) {
            return java.util.stream.Stream.concat(self, p.getChildrenUnmodifiable().stream().flatMap(TrustJourneyIT::labels));
        }
        return self;
    }

    private static String lower(Credentials c) {
        return c.getAddress().toLowerCase(Locale.ROOT);
    }
}
