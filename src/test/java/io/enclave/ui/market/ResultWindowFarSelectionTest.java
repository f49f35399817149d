package io.enclave.ui.market;

import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
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
    private final FakeListingPages pages = new FakeListingPages(ROWS, 20);
    private final List<Integer> selectedIndexes = new CopyOnWriteArrayList<>();
    private TableView<ListingRow> table;
    private boolean viewportCheck;

    @Start
    void start(Stage stage) {
        table = FakeListingPages.table(window);
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

    @Test
    void aSelectedRowWhosePageIsNotInMemoryStaysSelectedAndShowsItsListing() throws Exception {
        fx(() -> window.start(pages));
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
