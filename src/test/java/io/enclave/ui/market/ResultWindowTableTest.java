package io.enclave.ui.market;

import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.discovery.api.Listing;
import io.enclave.discovery.api.SearchPage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window inside a real TableView: pages dropped behind the scroll and fetched again (answers arriving later on the
 * FX thread, like the API's), while the selected row keeps its index and its object.
 */
@ExtendWith(ApplicationExtension.class)
class ResultWindowTableTest {
    private static final int ROWS = 3_000;
    private final ResultWindow window = new ResultWindow(100, 3);
    private final AtomicInteger fetches = new AtomicInteger();
    private final List<Listing> all = new ArrayList<>();
    private TableView<ListingRow> table;

    @Start
    void start(Stage stage) {
        for (int i = 0; i < ROWS; i++) {
            String id = String.format("%06d", i);
            all.add(new Listing(id, "0xs", "0xh", "1000000000000000", "0xd", "bafy", "active", 0, 0, null, "identity",
                    "Listing " + id, null, null, "verified", 1, "2026-11-29T10:00:00Z", "0xt"));
        }
        table = new TableView<>();
        TableColumn<ListingRow, String> title = new TableColumn<>("Title");
        title.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().label()));
        table.getColumns().add(title);
        table.setFixedCellSize(24);
        table.setItems(window);
        table.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> window.pin(i.intValue()));
        stage.setScene(new Scene(table, 400, 400));
        stage.show();
    }

    /** Answers on the FX thread a moment later, like a background task would. */
    private void answer(String cursor, java.util.function.Consumer<SearchPage> done) {
        fetches.incrementAndGet();
        Thread t = new Thread(() -> {
            int from = cursor == null ? 0 : Integer.parseInt(cursor) + 1;
            List<Listing> items = List.copyOf(all.subList(from, Math.min(ROWS, from + 100)));
            String next = from + 100 >= ROWS ? null : items.get(items.size() - 1).id();
            Platform.runLater(() -> done.accept(new SearchPage(items, next)));
        });
        t.setDaemon(true);
        t.start();
    }

    private void scrollTo(int row) throws Exception {
        fx(() -> {
            table.scrollTo(row);
            table.layout();
            VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
            window.viewport(flow.getFirstVisibleCell().getIndex(), flow.getLastVisibleCell().getIndex());
        });
    }

    @Test
    void theSelectionKeepsItsRowWhilePagesAreDroppedAndFetchedAgain() throws Exception {
        fx(() -> window.start((cursor, done, failed) -> {
            answer(cursor, done);
            return () -> { };
        }));
        waitFx(10, () -> window.size() == 100);
        scrollTo(90);
        waitFx(10, () -> window.size() == 200 && !window.fetching());
        fx(() -> table.getSelectionModel().select(150));
        ListingRow selected = window.get(150);
        assertThat(selected.id()).isEqualTo("000150");

        while (window.size() < ROWS) {
            int size = window.size();
            scrollTo(size - 1);
            waitFx(10, () -> window.size() > size || !window.hasMore());
        }
        waitFx(10, () -> !window.fetching());
        assertThat(fetches.get()).isEqualTo(30);
        assertThat(window.rowsHeld()).isLessThanOrEqualTo(900);
        assertThat(window.get(1_000).loaded()).isFalse();
        assertThat(table.getSelectionModel().getSelectedIndex()).isEqualTo(150);
        assertThat(table.getSelectionModel().getSelectedItem()).isSameAs(selected);

        // Back into dropped rows: their pages come again and the cells show them, the selection stays put.
        scrollTo(1_000);
        waitFx(10, () -> window.get(1_000).loaded() && !window.fetching());
        assertThat(fetches.get()).isGreaterThan(30);
        assertThat(window.get(1_000).id()).isEqualTo("001000");
        assertThat(table.getSelectionModel().getSelectedIndex()).isEqualTo(150);
        assertThat(table.getSelectionModel().getSelectedItem()).isSameAs(selected);
        waitFx(10, () -> table.lookupAll(".table-row-cell").stream()
                .map(n -> ((javafx.scene.control.TableRow<?>) n))
                .filter(r -> r.getIndex() >= 1_000 && r.getIndex() < 1_010)
                .allMatch(r -> r.getItem() instanceof ListingRow l && l.loaded()));

        // A new search empties the table and forgets the selection.
        AtomicInteger sizeAfterStart = new AtomicInteger(-1);
        fx(() -> {
            window.start((cursor, done, failed) -> {
                answer(cursor, done);
                return () -> { };
            });
            sizeAfterStart.set(window.size());
        });
        assertThat(sizeAfterStart.get()).isZero();
        waitFx(10, () -> window.size() == 100);
        assertThat(table.getSelectionModel().getSelectedItem()).isNull();
    }
}
