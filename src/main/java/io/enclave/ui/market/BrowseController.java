package io.enclave.ui.market;

import io.enclave.discovery.api.Listing;
import io.enclave.discovery.api.SearchPage;
import io.enclave.discovery.client.DiscoveryClient;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.Session;
import java.math.BigInteger;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * Read-only marketplace: search with filters and sorting over the discovery API, a virtualized results table that
 * fetches the next page when scrolled to its end, a listing's details, and buying it: the terms read from the chain
 * (price, escrow, the delivery deadline and the refund) in words, the transaction shown before it is signed, progress,
 * and the chain's reason when it refuses.
 */
public final class BrowseController {
    private static final String ANY_TYPE = "Any type";

    private final Session session;
    private Parent root;
    private DiscoveryClient.Query current;
    private String nextCursor;
    private Task<?> running;

    @FXML
    private Label resultCount;
    @FXML
    private TextField searchText;
    @FXML
    private ChoiceBox<String> typeChoice;
    @FXML
    private TextField minPrice;
    @FXML
    private TextField maxPrice;
    @FXML
    private ChoiceBox<MarketSearch.Sort> sortChoice;
    @FXML
    private Button searchButton;
    @FXML
    private Label browseError;
    @FXML
    private TableView<Listing> results;
    @FXML
    private Label placeholder;
    @FXML
    private TableColumn<Listing, String> titleColumn;
    @FXML
    private TableColumn<Listing, String> typeColumn;
    @FXML
    private TableColumn<Listing, String> priceColumn;
    @FXML
    private TableColumn<Listing, Integer> reputationColumn;
    @FXML
    private TableColumn<Listing, Integer> salesColumn;
    @FXML
    private Button moreButton;
    @FXML
    private ProgressIndicator searchProgress;
    @FXML
    private Button cancelButton;
    @FXML
    private Label noSelection;
    @FXML
    private VBox detail;
    @FXML
    private Label detailTitle;
    @FXML
    private Label detailDescription;
    @FXML
    private FlowPane detailTags;
    @FXML
    private GridPane detailGrid;
    @FXML
    private javafx.scene.control.Label buyTerms;
    @FXML
    private Button buyButton;
    @FXML
    private ProgressIndicator buyProgress;
    @FXML
    private Label buyStatus;
    @FXML
    private javafx.scene.control.Hyperlink toPurchases;
    private Listing shown;
    private io.enclave.market.buy.PurchaseTerms terms;
    private boolean buying;
    private Runnable openPurchases = () -> { };

    public BrowseController(Session session) {
        this.session = session;
    }

    public Parent view() {
        if (root == null) {
            root = Views.load("market", "browse", this);
        }
        return root;
    }

    @FXML
    private void initialize() {
        typeChoice.getItems().add(ANY_TYPE);
        typeChoice.getItems().addAll(MarketSearch.TYPES);
        typeChoice.setValue(ANY_TYPE);
        sortChoice.getItems().setAll(MarketSearch.Sort.values());
        sortChoice.setValue(MarketSearch.Sort.RELEVANCE);
        searchButton.setOnAction(e -> search());
        moreButton.setOnAction(e -> loadMore());
        cancelButton.setOnAction(e -> {
            if (running != null) {
                running.cancel();
                busy(false);
            }
        });
        titleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().title() == null
                ? "(metadata " + c.getValue().metadataStatus() + ")" : c.getValue().title()));
        typeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().type()));
        priceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(MarketSearch.moca(c.getValue().priceWei())));
        reputationColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().sellerReputation()));
        salesColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().purchaseCount()));
        // Sorting happens on the server (a page is a slice of its order), so the columns do not re-sort locally.
        results.getColumns().forEach(c -> c.setSortable(false));
        results.setItems(FXCollections.observableArrayList());
        results.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        results.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showDetail(b));
        results.skinProperty().addListener((o, a, skin) -> watchScrollEnd());
        buyButton.setOnAction(e -> buy());
        toPurchases.managedProperty().bind(toPurchases.visibleProperty());
        toPurchases.setOnAction(e -> openPurchases.run());
    }

    /** What "Open My purchases" does after a purchase (the shell shows that page). */
    public void onOpenPurchases(Runnable r) {
        this.openPurchases = r;
    }

    /** The next page is fetched while less than a page of rows is left below the visible ones, so scrolling rarely waits. */
    private void watchScrollEnd() {
        for (var n : results.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == javafx.geometry.Orientation.VERTICAL) {
                bar.valueProperty().addListener((o, a, v) -> {
                    if (nextCursor != null && running == null && (v.doubleValue() >= bar.getMax() - 0.001
                            || results.getItems().size() - 1 - lastVisibleRow() < MarketSearch.PAGE)) {
                        loadMore();
                    }
                });
            }
        }
    }

    private int lastVisibleRow() {
        if (results.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            var cell = flow.getLastVisibleCell();
            return cell == null ? -1 : cell.getIndex();
        }
        return -1;
    }

    private MarketSearch service() {
        return new MarketSearch(session.discoveryUrl());
    }

    /** Runs a new search from the filters. */
    public void search() {
        DiscoveryClient.Query q;
        try {
            q = MarketSearch.query(searchText.getText(), ANY_TYPE.equals(typeChoice.getValue()) ? null : typeChoice.getValue(),
                    minPrice.getText(), maxPrice.getText(), sortChoice.getValue());
        } catch (IllegalArgumentException e) {
            showError(e.getMessage());
            return;
        }
        current = q;
        nextCursor = null;
        results.getItems().clear();
        resultCount.setText("");
        fetch(q);
    }

    private void loadMore() {
        if (current != null && nextCursor != null) {
            fetch(current.withCursor(nextCursor));
        }
    }

    private void fetch(DiscoveryClient.Query q) {
        if (running != null) {
            running.cancel();
        }
        MarketSearch search = service();
        busy(true);
        running = session.background().run("search listings", p -> search.search(q), this::showPage, e -> {
            busy(false);
            placeholder.setText("No results.");
            resultCount.setText("");
            showError("The marketplace search failed. " + Errors.describe(e) + (unreachable(e) ? " Check the discovery "
                    + "URL in Settings (with the local devnet, restart it from the Network page), then search again." : ""));
        });
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof io.enclave.discovery.client.DiscoveryUnavailableException) {
                return true;
            }
        }
        return false;
    }

    private void showPage(SearchPage page) {
        busy(false);
        hideError();
        results.getItems().addAll(page.items());
        nextCursor = page.nextCursor();
        moreButton.setDisable(nextCursor == null);
        int n = results.getItems().size();
        resultCount.setText(n == 0 ? "No listings match" : n + (nextCursor == null ? "" : "+") + " listing"
                + (n == 1 ? "" : "s"));
        placeholder.setText("No listings match these filters.");
    }

    private void busy(boolean b) {
        if (!b) {
            running = null;
        }
        searchProgress.setVisible(b);
        cancelButton.setVisible(b);
        searchButton.setDisable(b);
    }

    private void showDetail(Listing l) {
        detail.setVisible(l != null);
        noSelection.setVisible(l == null);
        if (l == null) {
            return;
        }
        detailTitle.setText(l.title() == null ? "Listing " + l.id() : l.title());
        detailDescription.setText(l.description() == null ? "The seller's description is not available yet (metadata "
                + l.metadataStatus() + ")." : l.description());
        detailTags.getChildren().clear();
        if (l.tags() != null) {
            for (String t : l.tags()) {
                Label tag = new Label(t);
                tag.getStyleClass().add("tag");
                detailTags.getChildren().add(tag);
            }
        }
        detailGrid.getChildren().clear();
        int row = 0;
        row = line(row, "Price", MarketSearch.moca(l.priceWei()), false);
        row = line(row, "Type", l.type(), false);
        row = line(row, "Seller", l.seller(), true);
        row = line(row, "Seller reputation", l.sellerReputation() + " / 1000", false);
        row = line(row, "Sales", Integer.toString(l.purchaseCount()), false);
        row = line(row, "Issuer", l.issuer() == null ? "self-attested" : l.issuer(), l.issuer() != null);
        row = line(row, "Status", l.status(), false);
        row = line(row, "Credential hash", l.credentialHash(), true);
        row = line(row, "Metadata CID", l.metadataCid(), true);
        row = line(row, "Listed", when(l.createdAt()) + " (block " + l.createdBlock() + ")", false);
        line(row, "Listing id", l.id(), true);
        loadTerms(l);
    }

    /** Reads what buying means now from the chain (the discovery API may lag behind it). */
    private void loadTerms(Listing l) {
        shown = l;
        terms = null;
        if (!buying) {
            buyButton.setDisable(true);
            buyStatus.setText("");
            toPurchases.setVisible(false);
        }
        buyTerms.setText("Reading the listing's terms from the chain…");
        BigInteger id;
        try {
            id = new BigInteger(l.id());
        } catch (NumberFormatException e) {
            buyTerms.setText("This listing has no on-chain id; it cannot be bought.");
            return;
        }
        session.background().run("read listing terms", p -> {
            io.enclave.ui.app.AppServices s = session.services();
            return new Object[] {io.enclave.market.buy.PurchaseTerms.read(s.chain(), s.listings(), id), s.account()};
        }, r -> {
            if (shown != l) {
                return;
            }
            terms = (io.enclave.market.buy.PurchaseTerms) r[0];
            String me = (String) r[1];
            buyTerms.setText(BuyWords.terms(terms, me));
            buyButton.setDisable(buying || !terms.listing().active() || terms.listing().seller().equalsIgnoreCase(me));
        }, e -> {
            if (shown == l) {
                buyTerms.setText("The terms of this listing could not be read, so it cannot be bought now: "
                        + Errors.describe(e));
            }
        });
    }

    private void buy() {
        io.enclave.market.buy.PurchaseTerms t = terms;
        if (t == null || buying) {
            return;
        }
        buying = true;
        buyButton.setDisable(true);
        buyProgress.setVisible(true);
        toPurchases.setVisible(false);
        buyStatus.getStyleClass().removeAll("status-ok", "status-failed");
        buyStatus.setText("Preparing the purchase — you will see the transaction before anything is signed.");
        var task = session.background().run("buy listing " + t.listing().id(),
                p -> session.services().buy().buy(t.listing().id(), m -> p.update(m, -1)),
                purchase -> {
                    buying = false;
                    buyProgress.setVisible(false);
                    buyStatus.getStyleClass().add("status-ok");
                    buyStatus.setText("Bought: purchase #" + purchase.id() + " holds " + io.enclave.ui.app.Words.moca(
                            purchase.amount()) + " in escrow until the seller's app delivers the key (or until "
                            + io.enclave.ui.app.Words.when(purchase.deliverBy()) + ", when you can take it back). "
                            + "Follow it in My purchases.");
                    toPurchases.setVisible(true);
                },
                e -> {
                    buying = false;
                    buyProgress.setVisible(false);
                    buyButton.setDisable(false);
                    if (e instanceof io.enclave.market.MarketException.Declined) {
                        buyStatus.setText("Cancelled: nothing was signed or sent.");
                    } else {
                        buyStatus.getStyleClass().add("status-failed");
                        buyStatus.setText(Errors.describe(e));
                    }
                });
        task.messageProperty().addListener((o, a, m) -> {
            if (buying && m != null && !m.isBlank()) {
                buyStatus.setText(m);
            }
        });
    }

    private static String when(String iso) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                    .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    private int line(int row, String key, String value, boolean mono) {
        Label k = new Label(key);
        k.getStyleClass().add("detail-key");
        k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label v = new Label(value == null ? "—" : value);
        v.setWrapText(true);
        if (mono) {
            v.getStyleClass().add("mono");
        }
        detailGrid.addRow(row, k, v);
        return row + 1;
    }

    private void showError(String message) {
        browseError.setText(message);
        browseError.setVisible(true);
        browseError.setManaged(true);
    }

    private void hideError() {
        browseError.setVisible(false);
        browseError.setManaged(false);
    }
}
