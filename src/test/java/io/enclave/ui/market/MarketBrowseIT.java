package io.enclave.ui.market;

import static io.enclave.ui.UiTestSupport.find;
import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.visible;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.discovery.DbFixture;
import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.discovery.server.DiscoveryServer;
import io.enclave.testsupport.Postgres;
import io.enclave.testsupport.PostgresExtension;
import io.enclave.testsupport.TempDirs;
import io.enclave.ui.UiTestSupport;
import io.enclave.ui.app.Session;
import io.enclave.ui.settings.Settings;
import io.enclave.ui.settings.SettingsStore;
import io.enclave.ui.shell.ShellController;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The marketplace browse screen against the real discovery server on embedded PostgreSQL: filters, server-side
 * sorting, paging by scrolling the virtualized table, a listing's details, bad filters and the server down.
 */
@ExtendWith({PostgresExtension.class, ApplicationExtension.class})
class MarketBrowseIT {
    private static final int LISTINGS = 250;
    private static DiscoveryDatabase db;
    private static DiscoveryServer server;
    private Scene scene;

    @BeforeAll
    static void discovery(Postgres.Schema schema) throws Exception {
        db = DbFixture.open(schema);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO listings (listing_id, seller, credential_hash, price_wei, metadata_digest, created_block,"
                    + " created_tx, created_at, updated_block, title, description, tags, tags_text, credential_type,"
                    + " metadata_status, seller_reputation, purchase_count)"
                    + " SELECT i, '0x' || lpad(to_hex(i % 7), 40, '0'), '0x' || md5(i::text) || md5(i::text),"
                    + " i * 10000000000000000, '0x' || md5('d' || i) || md5('d' || i), i, '0x' || md5('t' || i) || md5('t' || i),"
                    + " now() - make_interval(secs => (" + LISTINGS + " - i)), i,"
                    + " (ARRAY['Senior engineer salary above 120k', 'Master degree in physics', 'Bank balance over 10k',"
                    + "   'Adult resident of France', 'Vaccinated against measles'])[1 + i % 5] || ' #' || i,"
                    + " 'A zero-knowledge proof; the underlying record stays with the seller.',"
                    + " ARRAY[(ARRAY['employment','education','financial','identity','health'])[1 + i % 5], 'zk'],"
                    + " (ARRAY['employment','education','financial','identity','health'])[1 + i % 5] || ' zk',"
                    + " (ARRAY['employment','education','financial','identity','health'])[1 + i % 5], 'verified',"
                    + " (i * 37) % 1001, i % 4"
                    + " FROM generate_series(1::bigint, " + LISTINGS + ") i");
        }
        server = new DiscoveryServer(db.dataSource(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                db::activeConnections, new DiscoveryServer.Settings("127.0.0.1", 0, 0, 0, 30)).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        Path home = TempDirs.create("enclave-ui-market-");
        new SettingsStore(home).save(new Settings("devnet", List.of("http://127.0.0.1:9"), 0, "http://127.0.0.1:5001",
                "https://api.pinata.cloud", List.of(), "http://127.0.0.1:" + server.port(), 10, false, true));
        scene = UiTestSupport.scene(home);
        stage.setScene(scene);
        stage.show();
        Session session = UiTestSupport.shell(scene).session();
        UiTestSupport.unlock(session, 0);
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.shutdown(scene);
    }

    @Test
    void searchFilterSortPageAndDetail(FxRobot robot) throws Exception {
        ShellController shell = UiTestSupport.shell(scene);
        robot.clickOn("#nav-market");
        // BuyerJourneyIT once found the market page missing right after this click returned: wait for it
        waitFx(60, () -> robot.lookup("#results").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<ListingRow> table = robot.lookup("#results").queryAs(TableView.class);

        // Text + type filter, sorted by price, highest first (the server sorts; the table keeps its order).
        fx(() -> {
            find(robot, "#searchText", TextField.class).setText("engineer salary");
            robot.lookup("#typeChoice").queryAs(ChoiceBox.class).setValue("employment");
            @SuppressWarnings("unchecked")
            ChoiceBox<MarketSearch.Sort> sort = robot.lookup("#sortChoice").queryAs(ChoiceBox.class);
            sort.setValue(MarketSearch.Sort.PRICE_DESC);
        });
        robot.clickOn("#searchButton");
        waitFx(30, () -> table.getItems().size() == LISTINGS / 5);
        assertThat(table.getItems()).allMatch(l -> "employment".equals(l.type()));
        List<BigInteger> prices = table.getItems().stream().map(l -> new BigInteger(l.priceWei())).toList();
        assertThat(prices).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(find(robot, "#resultCount", Label.class).getText()).isEqualTo("50 listings");

        // Everything, cheapest first: pages of 100 arrive as the table is scrolled towards its end.
        fx(() -> {
            find(robot, "#searchText", TextField.class).clear();
            robot.lookup("#typeChoice").queryAs(ChoiceBox.class).setValue("Any type");
            @SuppressWarnings("unchecked")
            ChoiceBox<MarketSearch.Sort> sort = robot.lookup("#sortChoice").queryAs(ChoiceBox.class);
            sort.setValue(MarketSearch.Sort.PRICE_ASC);
        });
        robot.clickOn("#searchButton");
        waitFx(30, () -> table.getItems().size() == 100);
        assertThat(find(robot, "#resultCount", Label.class).getText()).isEqualTo("100+ listings");
        fx(() -> table.scrollTo(table.getItems().size() - 1));
        waitFx(30, () -> table.getItems().size() == 200);
        robot.clickOn("#moreButton");
        waitFx(30, () -> table.getItems().size() == LISTINGS);
        assertThat(find(robot, "#moreButton", Button.class).isDisabled()).isTrue();
        assertThat(new HashSet<>(table.getItems().stream().map(ListingRow::id).toList())).hasSize(LISTINGS);
        assertThat(table.getItems().stream().map(l -> new BigInteger(l.priceWei())).toList()).isSorted();

        // Details of a listing.
        fx(() -> {
            table.scrollTo(0);
            table.getSelectionModel().select(2);
        });
        assertThat(visible(robot, "#listingDetail")).isTrue();
        ListingRow third = table.getItems().get(2);
        assertThat(find(robot, "#detailTitle", Label.class).getText()).isEqualTo(third.title());
        // The table's row at once, then the full listing fetched for the detail pane.
        waitFx(30, () -> robot.lookup("#detailGrid").queryAs(javafx.scene.layout.GridPane.class).getChildren().stream()
                .anyMatch(n -> "Credential hash".equals(((Label) n).getText())));
        assertThat(robot.lookup("#detailGrid").queryAs(javafx.scene.layout.GridPane.class).getChildren())
                .anySatisfy(n -> assertThat(((Label) n).getText()).isEqualTo("0.03 MOCA"));
        assertThat(find(robot, "#buyButton", Button.class).isDisabled()).isTrue();
        UiTestSupport.screenshots(scene, "market-browse");

        // A malformed filter is refused before any request.
        fx(() -> find(robot, "#minPrice", TextField.class).setText("abc"));
        robot.clickOn("#searchButton");
        assertThat(find(robot, "#browseError", Label.class).getText()).contains("'abc' is not an amount");
        assertThat(table.getItems()).hasSize(LISTINGS);

        // Discovery down: a readable error naming the URL.
        fx(() -> {
            find(robot, "#minPrice", TextField.class).clear();
            Session s = shell.session();
            s.updateSettings(new Settings(s.settings().network(), s.settings().rpcUrls(), 0, s.settings().ipfsApiUrl(),
                    s.settings().pinataApiUrl(), List.of(), "http://127.0.0.1:9", 10, false, true));
        });
        robot.clickOn("#searchButton");
        waitFx(30, () -> visible(robot, "#browseError")
                && find(robot, "#browseError", Label.class).getText().startsWith("The marketplace search failed"));
        assertThat(find(robot, "#browseError", Label.class).getText()).contains("http://127.0.0.1:9");
        UiTestSupport.screenshots(scene, "market-discovery-down");
    }
}
