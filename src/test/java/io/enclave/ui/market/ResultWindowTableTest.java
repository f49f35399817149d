package io.enclave.ui.market;

import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
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
    private final FakeListingPages pages = new FakeListingPages(ROWS, 0);
    private TableView<ListingRow> table;

    @Start
    void start(Stage stage) {
        table = FakeListingPages.table(window);
        table.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> window.pin(i.intValue()));
        stage.setScene(new Scene(table, 400, 400));
        stage.show();
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
        fx(() -> window.start(pages));
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
        assertThat(pages.fetches()).isEqualTo(30);
        assertThat(window.rowsHeld()).isLessThanOrEqualTo(900);
        assertThat(window.get(1_000).loaded()).isFalse();
        assertThat(table.getSelectionModel().getSelectedIndex()).isEqualTo(150);
        assertThat(table.getSelectionModel().getSelectedItem()).isSameAs(selected);

        // Back into dropped rows: their pages come again and the cells show them, the selection stays put.
        scrollTo(1_000);
        waitFx(10, () -> window.get(1_000).loaded() && !window.fetching());
        assertThat(pages.fetches()).isGreaterThan(30);
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
            window.start(pages);
            sizeAfterStart.set(window.size());
        });
        assertThat(sizeAfterStart.get()).isZero();
        waitFx(10, () -> window.size() == 100);
        assertThat(table.getSelectionModel().getSelectedItem()).isNull();
    }
}
