package io.enclave.ui.market;

import io.enclave.discovery.api.Listing;
import io.enclave.discovery.api.SearchPage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The discovery search the {@link ResultWindow} tests page through: {@code rows} listings with ids {@code 000000},
 * {@code 000001}, …, pages of 100 whose cursor is the last id, each answered from another thread on the FX thread a
 * moment later, like the API's answers through a background task. Counts the fetches.
 */
final class FakeListingPages implements ResultWindow.Fetcher {
    private final List<Listing> all = new ArrayList<>();
    private final long latencyMillis;
    private final AtomicInteger fetches = new AtomicInteger();

    /** {@code latencyMillis}: how long the "server" takes before answering (0: as soon as its thread runs). */
    FakeListingPages(int rows, long latencyMillis) {
        this.latencyMillis = latencyMillis;
        for (int i = 0; i < rows; i++) {
            String id = String.format("%06d", i);
            all.add(new Listing(id, "0xs", "0xh", "1000000000000000", "0xd", "bafy", "active", 0, 0, null, "identity",
                    "Listing " + id, null, null, "verified", 1, "2026-11-29T10:00:00Z", "0xt"));
        }
    }

    /** A one-column table over {@code window} with fixed row heights, as the marketplace has. */
    static TableView<ListingRow> table(ResultWindow window) {
        TableView<ListingRow> table = new TableView<>();
        TableColumn<ListingRow, String> title = new TableColumn<>("Title");
        title.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().label()));
        table.getColumns().add(title);
        table.setFixedCellSize(24);
        table.setItems(window);
        return table;
    }

    int fetches() {
        return fetches.get();
    }

    @Override
    public Runnable fetch(String cursor, Consumer<SearchPage> done, Consumer<Throwable> failed) {
        fetches.incrementAndGet();
        Thread t = new Thread(() -> {
            int from = cursor == null ? 0 : Integer.parseInt(cursor) + 1;
            List<Listing> items = List.copyOf(all.subList(from, Math.min(all.size(), from + 100)));
            String next = from + 100 >= all.size() ? null : items.get(items.size() - 1).id();
            if (latencyMillis > 0) {
                try {
                    Thread.sleep(latencyMillis); // the answer arrives after the screen has moved on
                } catch (InterruptedException e) {
                    return;
                }
            }
            Platform.runLater(() -> done.accept(new SearchPage(items, next)));
        });
        t.setDaemon(true);
        t.start();
        return () -> { };
    }
}
