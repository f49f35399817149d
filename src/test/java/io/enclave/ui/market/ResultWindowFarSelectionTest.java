package io.enclave.ui.market;

import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.discovery.api.Listing;
import io.enclave.discovery.api.SearchPage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Selecting a row whose page is not in memory (as the market bench does after a long scroll: {@code scrollTo(row)} then
 * {@code select(row)} far from the viewport): when the page arrives the selection is still on that row and its item is
 * the loaded listing. It used to jump to the first other dropped row (every placeholder is the same
 * {@link ListingRow#LOADING}, and the table re-selects its item by {@code indexOf} after a replace), chasing
 * placeholders, so the detail pane never showed the listing. Wired like {@link BrowseController}: the visible rows are
 * read after layout when the vertical scroll bar moves, the selected index pins its page.
 */
@ExtendWith(ApplicationExtension.class)
class ResultWindowFarSelectionTest {
    private static final int ROWS = 1_500;
    private final ResultWindow window = new ResultWindow(100, 3);
    private final List<Listing> all = new ArrayList<>();
    private final List<Integer> selectedIndexes = new CopyOnWriteArrayList<>();
    private TableView<ListingRow> table;
    private boolean viewportCheck;

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
        table.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            window.pin(i.intValue());
            selectedIndexes.add(i.intValue());
        });
        table.skinProperty().addListener((o, a, skin) -> {
            for (var n : table.lookupAll(".scroll-bar")) {
                if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                    bar.valueProperty().addListener((ov, av, v) -> viewportChanged());
                }
            }
        });
        stage.setScene(new Scene(table, 400, 400));
        stage.show();
    }

    private void viewportChanged() {
        if (!viewportCheck) {
            viewportCheck = true;
            Platform.runLater(() -> {
                viewportCheck = false;
                VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
                window.viewport(flow.getFirstVisibleCell().getIndex(), flow.getLastVisibleCell().getIndex());
            });
        }
    }

    /** Answers on the FX thread a moment later, like a background task would. */
    private void answer(String cursor, Consumer<SearchPage> done) {
        Thread t = new Thread(() -> {
            int from = cursor == null ? 0 : Integer.parseInt(cursor) + 1;
            List<Listing> items = List.copyOf(all.subList(from, Math.min(ROWS, from + 100)));
            String next = from + 100 >= ROWS ? null : items.get(items.size() - 1).id();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            Platform.runLater(() -> done.accept(new SearchPage(items, next)));
        });
        t.setDaemon(true);
        t.start();
    }

    @Test
    void aSelectedRowWhosePageIsNotInMemoryStaysSelectedAndShowsItsListing() throws Exception {
        fx(() -> window.start((cursor, done, failed) -> {
            answer(cursor, done);
            return () -> { };
        }));
        waitFx(10, () -> window.size() == 100);
        while (window.hasMore()) {
            int size = window.size();
            fx(() -> table.scrollTo(size - 1));
            waitFx(10, () -> window.size() > size || !window.hasMore());
        }
        waitFx(10, () -> !window.fetching());
        assertThat(window.get(0).loaded()).isFalse();
        assertThat(window.get(700).loaded()).isFalse();

        for (int row : new int[] {0, 700, 20, ROWS - 1}) {
            selectedIndexes.clear();
            fx(() -> {
                table.scrollTo(row);
                table.getSelectionModel().select(row);
            });
            String id = String.format("%06d", row);
            waitFx(10, () -> window.get(row).loaded() && !window.fetching()
                    && table.getSelectionModel().getSelectedItem() != null
                    && id.equals(table.getSelectionModel().getSelectedItem().id()));
            assertThat(table.getSelectionModel().getSelectedIndex()).isEqualTo(row);
            // Never moved to another row on the way (cleared for a moment by a replace at most).
            assertThat(selectedIndexes).allMatch(i -> i == row || i == -1);
        }
    }
}
