package io.enclave.ui.market;

import io.enclave.discovery.api.Listing;
import io.enclave.discovery.client.DiscoveryClient;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.Session;
import java.math.BigInteger;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
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
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * Read-only marketplace: search with filters and sorting over the discovery API, a virtualized results table over a
 * {@link ResultWindow} (pages fetched as the table nears its end, pages far from the viewport dropped and fetched again
 * when scrolled back, so memory does not grow with the rows seen), a listing's details (fetched in full when it is
 * selected), and buying it: the terms read from the chain (price, escrow, the delivery deadline and the refund) in
 * words, the transaction shown before it is signed, progress, and the chain's reason when it refuses.
 */
public final class BrowseController {
    private static final String ANY_TYPE = "Any type";
    /** Pages kept on each side of the visible rows: with pages of 100, at most ~700 rows in memory. */
    private static final int KEEP_PAGES = 3;

    private final Session session;
    private final ResultWindow window = new ResultWindow(MarketSearch.PAGE, KEEP_PAGES);
    private Parent root;
    private MarketSearch search;
    private VirtualFlow<?> flow;
    private Task<?> detailTask;
    private boolean viewportCheck;

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
    private TableView<ListingRow> results;
    @FXML
    private Label placeholder;
    @FXML
    private TableColumn<ListingRow, String> titleColumn;
    @FXML
    private TableColumn<ListingRow, String> typeColumn;
    @FXML
    private TableColumn<ListingRow, String> priceColumn;
    @FXML
    private TableColumn<ListingRow, Integer> reputationColumn;
    @FXML
    private TableColumn<ListingRow, Integer> salesColumn;
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
    private String shown;
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
        moreButton.setOnAction(e -> {
            hideError();
            window.resume();
        });
        cancelButton.setOnAction(e -> window.cancel());
        // Text-only cells; a row that is not in memory reads "Loading…" until its page is back.
        titleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().label()));
        typeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().type()));
        priceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().price()));
        reputationColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().loaded()
                ? c.getValue().sellerReputation() : null));
        salesColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().loaded()
                ? c.getValue().purchaseCount() : null));
        // Sorting happens on the server (a page is a slice of its order), so the columns do not re-sort locally.
        results.getColumns().forEach(c -> c.setSortable(false));
        window.setListener(new WindowListener());
        results.setItems(window);
        results.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        results.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> window.pin(i.intValue()));
        // A page fetched again replaces its rows, and the table then clears its selection and selects the same row
        // again: a cleared selection is only acted on if it lasts, so the detail (and its fetch) does not restart.
        results.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                select(b);
            } else {
                javafx.application.Platform.runLater(() -> {
                    if (results.getSelectionModel().getSelectedItem() == null) {
                        select(null);
                    }
                });
            }
        });
        results.skinProperty().addListener((o, a, skin) -> watchViewport());
        buyButton.setOnAction(e -> buy());
        toPurchases.managedProperty().bind(toPurchases.visibleProperty());
        toPurchases.setOnAction(e -> openPurchases.run());
    }

    /** What "Open My purchases" does after a purchase (the shell shows that page). */
    public void onOpenPurchases(Runnable r) {
        this.openPurchases = r;
    }

    /**
     * Tells the window which rows are on screen whenever the table scrolls: it fetches the next page while less than a
     * page of rows is left below them, fetches dropped pages that scroll back into view, and drops far ones.
     */
    private void watchViewport() {
        if (results.lookup(".virtual-flow") instanceof VirtualFlow<?> f) {
            flow = f;
        }
        for (var n : results.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == javafx.geometry.Orientation.VERTICAL) {
                bar.valueProperty().addListener((o, a, v) -> viewportChanged());
            }
        }
        results.heightProperty().addListener((o, a, h) -> viewportChanged());
    }

    /** Reads the visible rows once the pulse has laid the cells out (a jump such as scrollTo moves them in layout). */
    private void viewportChanged() {
        if (!viewportCheck) {
            viewportCheck = true;
            javafx.application.Platform.runLater(this::readViewport);
        }
    }

    private void readViewport() {
        viewportCheck = false;
        if (flow == null) {
            return;
        }
        var first = flow.getFirstVisibleCell();
        var last = flow.getLastVisibleCell();
        if (first != null && last != null) {
            window.viewport(first.getIndex(), last.getIndex());
        }
    }

    /** One client (and its connection pool) per discovery URL, not one per page. */
    private MarketSearch service() {
        String url = session.discoveryUrl();
        if (search == null || !search.url().equals(url)) {
            search = new MarketSearch(url);
        }
        return search;
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
        hideError();
        resultCount.setText("");
        moreButton.setDisable(true);
        MarketSearch api = service();
        window.start((cursor, done, failed) -> session.background().run("search listings",
                p -> api.search(q.withCursor(cursor)), done, failed)::cancel);
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof io.enclave.discovery.client.DiscoveryUnavailableException) {
                return true;
            }
        }
        return false;
    }

    /** How the window's fetching shows on screen. */
    private final class WindowListener implements ResultWindow.Listener {
        @Override
        public void busy(boolean b) {
            searchProgress.setVisible(b);
            cancelButton.setVisible(b);
        }

        @Override
        public void failed(Throwable e, boolean firstPage) {
            moreButton.setDisable(false);
            String hint = unreachable(e) ? " Check the discovery URL in Settings (with the local devnet, restart it from"
                    + " the Network page), then " : " ";
            if (firstPage) {
                placeholder.setText("No results.");
                resultCount.setText("");
                showError("The marketplace search failed. " + Errors.describe(e) + hint
                        + (hint.isBlank() ? "Search again." : "search again."));
            } else {
                showError("Loading more listings failed. " + Errors.describe(e) + hint + (hint.isBlank() ? "P" : "p")
                        + "ress Load more to try again; the " + String.format(java.util.Locale.ROOT, "%,d", window.size())
                        + " listings found so far stay.");
            }
        }

        @Override
        public void loaded() {
            hideError();
            moreButton.setDisable(!window.hasMore());
            int n = window.size();
            resultCount.setText(n == 0 ? "No listings match" : n + (window.hasMore() ? "+" : "") + " listing"
                    + (n == 1 ? "" : "s"));
            placeholder.setText("No listings match these filters.");
            // A selected row that was waiting for its page: show it now.
            int i = results.getSelectionModel().getSelectedIndex();
            ListingRow row = i >= 0 && i < n ? window.get(i) : null;
            if (row != null && row.loaded() && !row.id().equals(shown)) {
                if (results.getSelectionModel().getSelectedItem() != row) {
                    results.getSelectionModel().clearAndSelect(i);
                } else {
                    select(row);
                }
            }
        }
    }

    /** The selected row: what the table knows at once, the full listing and its on-chain terms when they arrive. */
    private void select(ListingRow row) {
        if (row != null && row.loaded() && row.id().equals(shown)) {
            return; // the same listing again (its page was fetched again): its detail stays, or is still coming
        }
        if (detailTask != null) {
            detailTask.cancel();
            detailTask = null;
        }
        if (row == null || !row.loaded()) {
            shown = null;
            detail.setVisible(false);
            noSelection.setVisible(true);
            noSelection.setText(row == null ? "Select a listing to see its details." : "Loading the listing…");
            return;
        }
        showDetail(new Listing(row.id(), null, null, row.priceWei(), null, null, null, row.purchaseCount(),
                row.sellerReputation(), null, row.type(), row.title(), null, null, row.metadataStatus(), 0, null, null));
        detailDescription.setText("Loading the listing…");
        loadTerms(row.id());
        MarketSearch api = service();
        String id = row.id();
        detailTask = session.background().run("read listing", p -> api.listing(id), full -> {
            detailTask = null;
            if (id.equals(shown)) {
                full.ifPresentOrElse(this::showDetail, () -> detailDescription.setText(
                        "This listing is no longer offered by the discovery service (delisted or not indexed)."));
            }
        }, e -> {
            detailTask = null;
            if (id.equals(shown)) {
                detailDescription.setText("The listing's details could not be read: " + Errors.describe(e));
            }
        });
    }

    private void showDetail(Listing l) {
        shown = l.id();
        detail.setVisible(true);
        noSelection.setVisible(false);
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
        boolean full = l.seller() != null; // the table's row alone until the full listing arrives
        int row = 0;
        row = line(row, "Price", MarketSearch.moca(l.priceWei()), false);
        row = line(row, "Type", l.type(), false);
        if (full) {
            row = line(row, "Seller", l.seller(), true);
        }
        row = line(row, "Seller reputation", l.sellerReputation() + " / 1000", false);
        row = line(row, "Sales", Integer.toString(l.purchaseCount()), false);
        if (full) {
            row = line(row, "Issuer", l.issuer() == null ? "self-attested" : l.issuer(), l.issuer() != null);
            row = line(row, "Status", l.status(), false);
            row = line(row, "Credential hash", l.credentialHash(), true);
            row = line(row, "Metadata CID", l.metadataCid(), true);
            row = line(row, "Listed", when(l.createdAt()) + " (block " + l.createdBlock() + ")", false);
        }
        line(row, "Listing id", l.id(), true);
    }

    /** Reads what buying means now from the chain (the discovery API may lag behind it). */
    private void loadTerms(String listingId) {
        terms = null;
        if (!buying) {
            buyButton.setDisable(true);
            buyStatus.setText("");
            toPurchases.setVisible(false);
        }
        buyTerms.setText("Reading the listing's terms from the chain…");
        BigInteger id;
        try {
            id = new BigInteger(listingId);
        } catch (NumberFormatException e) {
            buyTerms.setText("This listing has no on-chain id; it cannot be bought.");
            return;
        }
        session.background().run("read listing terms", p -> {
            io.enclave.ui.app.AppServices s = session.services();
            return new Object[] {io.enclave.market.buy.PurchaseTerms.read(s.chain(), s.listings(), id), s.account()};
        }, r -> {
            if (!listingId.equals(shown)) {
                return;
            }
            terms = (io.enclave.market.buy.PurchaseTerms) r[0];
            String me = (String) r[1];
            buyTerms.setText(BuyWords.terms(terms, me));
            buyButton.setDisable(buying || !terms.listing().active() || terms.listing().seller().equalsIgnoreCase(me));
        }, e -> {
            if (listingId.equals(shown)) {
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
