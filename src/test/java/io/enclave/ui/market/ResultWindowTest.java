package io.enclave.ui.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.discovery.api.Listing;
import io.enclave.discovery.api.SearchPage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The results table's windowed model over a keyset-paged source: pages appended near the end, far pages dropped and
 * fetched again with their own cursor, the selected row's page kept, a new search resetting everything, a failure
 * keeping the rows it has. The source answers when the test says so, like the API answering later.
 */
class ResultWindowTest {
    private static final int PAGE = 100;
    private static final int KEEP = 3;

    /** Listings ordered by id; a cursor is the id of the last row served (the API's keyset idea). */
    private static final class Source {
        final List<Listing> all = new ArrayList<>();
        final List<Request> pending = new ArrayList<>();
        final List<String> cursorsAsked = new ArrayList<>();
        int cancelled;

        Source(int n, String prefix) {
            for (int i = 0; i < n; i++) {
                all.add(listing(prefix + String.format("%06d", i)));
            }
        }

        ResultWindow.Fetcher fetcher() {
            return (cursor, done, failed) -> {
                Request r = new Request(cursor, done, failed);
                cursorsAsked.add(cursor);
                pending.add(r);
                return () -> {
                    cancelled++;
                    pending.remove(r);
                };
            };
        }

        SearchPage page(String cursor) {
            int from = 0;
            if (cursor != null) {
                while (from < all.size() && all.get(from).id().compareTo(cursor) <= 0) {
                    from++;
                }
            }
            List<Listing> items = all.subList(from, Math.min(all.size(), from + PAGE));
            boolean last = from + PAGE >= all.size();
            return new SearchPage(List.copyOf(items), last ? null : items.get(items.size() - 1).id());
        }

        /** Answers the oldest request. */
        void answer() {
            Request r = pending.remove(0);
            r.done.accept(page(r.cursor));
        }

        void fail(String message) {
            Request r = pending.remove(0);
            r.failed.accept(new IllegalStateException(message));
        }

        void answerAll() {
            while (!pending.isEmpty()) {
                answer();
            }
        }
    }

    private record Request(String cursor, Consumer<SearchPage> done, Consumer<Throwable> failed) {
    }

    private static Listing listing(String id) {
        return new Listing(id, "0xseller", "0xhash", "30000000000000000", "0xdigest", "bafy" + id, "active", 1, 500, null,
                "employment", "Title " + id, "A long description that the table never needs " + id, List.of("a", "b"),
                "verified", 1, "2026-11-29T10:00:00Z", "0xtx");
    }

    private final List<String> events = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final List<Boolean> firstPageFailures = new ArrayList<>();
    private ResultWindow window;

    @BeforeEach
    void setUp() {
        window = new ResultWindow(PAGE, KEEP);
        window.setListener(new ResultWindow.Listener() {
            @Override
            public void busy(boolean fetching) {
            }

            @Override
            public void failed(Throwable error, boolean firstPage) {
                failures.add(error);
                firstPageFailures.add(firstPage);
            }

            @Override
            public void loaded() {
            }
        });
        window.addListener((ListChangeListener<ListingRow>) c -> {
            while (c.next()) {
                events.add((c.wasReplaced() ? "replace " : c.wasAdded() ? "add " : c.wasRemoved() ? "remove " : "other ")
                        + c.getFrom() + ".." + c.getTo());
            }
        });
    }

    /** Scrolls like the table: a screenful of 20 rows, then tells the window, then lets the API answer. */
    private void scrollTo(Source s, int first) {
        window.viewport(first, Math.min(window.size() - 1, first + 19));
        s.answerAll();
    }

    private void scrollToEnd(Source s, int rows) {
        while (window.size() < rows || window.hasMore()) {
            scrollTo(s, Math.max(0, window.size() - 20));
        }
    }

    @Test
    void pagesArriveNearTheEndAndPagesFarFromTheViewportAreDropped() {
        Source s = new Source(5_000, "a");
        window.start(s.fetcher());
        assertThat(window.size()).isZero();
        s.answer();
        assertThat(window.size()).isEqualTo(PAGE);
        assertThat(window.get(0).id()).isEqualTo("a000000");
        assertThat(window.hasMore()).isTrue();

        scrollTo(s, 0); // 80 rows below the screen, less than a page: the next page is asked
        assertThat(window.size()).isEqualTo(2 * PAGE);
        scrollTo(s, 10); // 170 rows below: nothing more
        assertThat(s.cursorsAsked).hasSize(2);
        scrollTo(s, 85);
        assertThat(window.size()).isEqualTo(3 * PAGE);
        assertThat(window.get(150).id()).isEqualTo("a000150");

        scrollToEnd(s, 5_000);
        assertThat(window.size()).isEqualTo(5_000);
        assertThat(window.hasMore()).isFalse();
        // Only the pages around the screen hold rows: memory does not grow with the rows seen.
        assertThat(window.rowsHeld()).isLessThanOrEqualTo((2 * KEEP + 2) * PAGE);
        assertThat(window.get(0)).isSameAs(ListingRow.LOADING);
        assertThat(window.get(2_500).loaded()).isFalse();
        assertThat(window.get(4_999).id()).isEqualTo("a004999");
        // Every row appeared once, in order, through add events only.
        assertThat(events).allMatch(e -> e.startsWith("add "));
        assertThat(new HashSet<>(s.cursorsAsked)).hasSize(50);
    }

    @Test
    void droppedPagesAreFetchedAgainWithTheirCursorWhenScrolledBack() {
        Source s = new Source(3_000, "b");
        window.start(s.fetcher());
        s.answer();
        scrollToEnd(s, 3_000);
        assertThat(window.get(1_234).loaded()).isFalse();
        events.clear();
        s.cursorsAsked.clear();

        window.viewport(1_230, 1_249); // rows 1,200–1,299 were dropped: their page is asked again with its cursor
        assertThat(s.cursorsAsked).containsExactly("b001199");
        s.answerAll();
        assertThat(window.get(1_234).id()).isEqualTo("b001234");
        assertThat(window.get(1_299).id()).isEqualTo("b001299");
        // The visible page first, then one page on each side of it.
        assertThat(s.cursorsAsked).containsExactly("b001199", "b001299", "b001099");
        assertThat(events).containsExactly("replace 1200..1300", "replace 1300..1400", "replace 1100..1200");
        assertThat(window.size()).isEqualTo(3_000);
        // Now far from the end, whose rows are dropped in turn.
        assertThat(window.get(2_999).loaded()).isFalse();

        s.cursorsAsked.clear();
        window.viewport(0, 19); // the first page has no cursor
        assertThat(s.cursorsAsked).containsExactly((String) null);
        s.answerAll();
        assertThat(window.get(0).id()).isEqualTo("b000000");
        assertThat(window.get(100).id()).isEqualTo("b000100");
    }

    @Test
    void aRefetchedPageFollowsListingsThatWentAwayWithoutRepeatingTheNextPage() {
        Source s = new Source(2_000, "c");
        window.start(s.fetcher());
        s.answer();
        scrollToEnd(s, 2_000);
        // Five listings of rows 300–399 are delisted while that page is out of memory.
        s.all.removeIf(l -> List.of("c000301", "c000302", "c000350", "c000398", "c000399").contains(l.id()));
        events.clear();
        scrollTo(s, 310);
        assertThat(window.size()).isEqualTo(1_995);
        assertThat(events.get(0)).isEqualTo("replace 300..395");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < window.size(); i++) {
            if (window.get(i).loaded()) {
                ids.add(window.get(i).id());
            }
        }
        assertThat(ids).doesNotHaveDuplicates().isSorted().contains("c000300", "c000397", "c000400")
                .doesNotContain("c000301", "c000399");
    }

    @Test
    void theSelectedRowsPageIsKeptWhileScrollingAway() {
        Source s = new Source(3_000, "d");
        window.start(s.fetcher());
        s.answer();
        scrollTo(s, 85);
        ListingRow selected = window.get(150);
        window.pin(150);
        scrollToEnd(s, 3_000);
        assertThat(window.get(150)).isSameAs(selected);
        assertThat(window.get(50).loaded()).isFalse();
        window.pin(-1);
        scrollTo(s, 2_900);
        assertThat(window.get(150).loaded()).isFalse();
    }

    /**
     * A TableView finds its selected item again by {@code indexOf} after a replace: a placeholder stands for the selected
     * row (not the first dropped row), and the selected row moves with a refilled page that shrank before it.
     */
    @Test
    void theSelectedRowIsWhereThePlaceholderIsFound() {
        Source s = new Source(2_000, "g");
        window.start(s.fetcher());
        s.answer();
        scrollToEnd(s, 2_000);
        window.pin(1_000);
        assertThat(window.get(1_000).loaded()).isFalse();
        assertThat(window.get(0).loaded()).isFalse();
        assertThat(window.indexOf(ListingRow.LOADING)).isEqualTo(1_000);
        s.all.removeIf(l -> List.of("g000301", "g000302").contains(l.id()));
        scrollTo(s, 310);
        assertThat(window.size()).isEqualTo(1_998);
        assertThat(window.indexOf(ListingRow.LOADING)).isEqualTo(998);
        assertThat(window.indexOf(window.get(320))).isEqualTo(320);
        scrollTo(s, 990);
        assertThat(window.get(998).id()).isEqualTo("g001000");
        assertThat(window.indexOf(window.get(998))).isEqualTo(998);
    }

    @Test
    void aNewSearchEmptiesTheWindowAndIgnoresWhatTheOldOneStillSends() {
        Source old = new Source(1_000, "e");
        window.start(old.fetcher());
        old.answer();
        window.viewport(85, 99); // asks the old search's second page...
        assertThat(old.pending).hasSize(1);
        Request stale = old.pending.get(0);

        Source fresh = new Source(150, "f"); // ...when the person changes the sort or a filter
        events.clear();
        window.start(fresh.fetcher());
        assertThat(old.cancelled).isEqualTo(1);
        assertThat(window.size()).isZero();
        assertThat(events).containsExactly("remove 0..0");
        stale.done().accept(old.page(stale.cursor())); // arrives anyway: ignored
        assertThat(window.size()).isZero();
        fresh.answer();
        scrollTo(fresh, 80);
        assertThat(window.size()).isEqualTo(150);
        assertThat(window.hasMore()).isFalse();
        assertThat(window.stream().map(ListingRow::id)).allMatch(id -> id.startsWith("f"));
    }

    @Test
    void aFailureMidScrollKeepsTheRowsAndWaitsForLoadMore() {
        Source s = new Source(1_000, "g");
        window.start(s.fetcher());
        s.answer();
        scrollTo(s, 85);
        window.viewport(185, 199);
        s.fail("discovery API at http://127.0.0.1:9 refused the connection");
        assertThat(failures).hasSize(1);
        assertThat(firstPageFailures).containsExactly(false);
        assertThat(window.size()).isEqualTo(2 * PAGE);
        assertThat(window.get(199).id()).isEqualTo("g000199");
        assertThat(window.fetching()).isFalse();

        window.viewport(180, 199); // scrolling does not hammer a failing API
        assertThat(s.pending).isEmpty();
        window.resume(); // "Load more"
        assertThat(s.pending).hasSize(1);
        s.answer();
        assertThat(window.size()).isEqualTo(3 * PAGE);
    }

    @Test
    void aFailedFirstPageSaysSoAndLoadMoreRetriesIt() {
        Source s = new Source(50, "h");
        window.start(s.fetcher());
        s.fail("connection refused");
        assertThat(firstPageFailures).containsExactly(true);
        assertThat(window.size()).isZero();
        window.resume();
        s.answer();
        assertThat(window.size()).isEqualTo(50);
        assertThat(window.hasMore()).isFalse();
    }

    @Test
    void cancellingStopsFetchingUntilResumed() {
        Source s = new Source(1_000, "i");
        window.start(s.fetcher());
        s.answer();
        window.viewport(85, 99);
        assertThat(window.fetching()).isTrue();
        window.cancel();
        assertThat(s.cancelled).isEqualTo(1);
        assertThat(window.fetching()).isFalse();
        window.viewport(86, 99);
        assertThat(s.pending).isEmpty();
        window.resume();
        s.answer();
        assertThat(window.size()).isEqualTo(2 * PAGE);
    }

    @Test
    void aRowKeepsOnlyWhatTheTableShows() {
        ListingRow r = ListingRow.of(listing("x1"));
        assertThat(r.label()).isEqualTo("Title x1");
        assertThat(r.price()).isEqualTo("0.03 MOCA");
        assertThat(ListingRow.of(listing("x2")).type()).isSameAs(r.type());
        assertThat(ListingRow.LOADING.label()).isEqualTo("Loading…");
        assertThat(ListingRow.LOADING.price()).isEmpty();
        ListingRow pending = ListingRow.of(new Listing("9", "0xs", null, "1", null, null, "active", 0, 0, null, null, null,
                null, null, "pending", 1, null, null));
        assertThat(pending.label()).isEqualTo("(metadata pending)");
    }
}
