package io.enclave.ui.market;

import io.enclave.discovery.api.Listing;
import io.enclave.discovery.api.SearchPage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.ObservableListBase;

/**
 * The results table's rows as a window over a search's pages: the list is as long as every page fetched so far, but
 * only pages near the rows on screen (and the selected row's page) hold their rows; a page far from the viewport is
 * dropped and reads as {@link ListingRow#LOADING} until it scrolls back into view, when it is fetched again with the
 * keyset cursor that produced it. Memory stays flat however many rows were scrolled through.
 *
 * <p>One fetch runs at a time: missing pages on screen first, then the next page when the viewport nears the end. A
 * failed fetch keeps every row and stops fetching until {@link #resume()} (the "Load more" button) or a new search.
 * Results of a search that was replaced meanwhile are ignored. Runs on one thread (the FX thread).
 */
public final class ResultWindow extends ObservableListBase<ListingRow> {
    /** Fetches one page of the current search; calls back exactly once (on the window's thread) unless cancelled. */
    public interface Fetcher {
        /** Starts fetching the page at {@code cursor} (null: the first page); returns what cancels it. */
        Runnable fetch(String cursor, Consumer<SearchPage> done, Consumer<Throwable> failed);
    }

    /** What the screen shows around the table. */
    public interface Listener {
        void busy(boolean fetching);

        /** A fetch failed; {@code firstPage} when the search has no rows at all yet. */
        void failed(Throwable error, boolean firstPage);

        /** Rows were appended or re-fetched. */
        void loaded();
    }

    private static final class Page {
        final String cursor;
        ListingRow[] rows;
        int size;
        String lastId;

        String firstId;

        Page(String cursor) {
            this.cursor = cursor;
        }
    }

    private final int pageSize;
    private final int keepPages;
    private final List<Page> pages = new ArrayList<>();
    private int[] starts = new int[16];
    private int size;
    private Fetcher fetcher;
    private Listener listener;
    private String nextCursor;
    private boolean more;
    private boolean stopped;
    private int request;
    private int fetchingPage = -1;
    private Runnable cancelFetch;
    private int firstVisible = -1;
    private int lastVisible = -1;
    private int pinned = -1;

    /**
     * @param pageSize rows a full page has (the query's limit)
     * @param keepPages pages kept on each side of the visible ones
     */
    public ResultWindow(int pageSize, int keepPages) {
        this.pageSize = pageSize;
        this.keepPages = keepPages;
    }

    public void setListener(Listener listener) {
        this.listener = listener;
    }

    /** Drops everything and starts a new search with its first page (a new query, sort or filter). */
    public void start(Fetcher f) {
        cancel();
        request++; // whatever an earlier search still sends back is ignored
        int old = size;
        pages.clear();
        size = 0;
        nextCursor = null;
        more = true;
        stopped = false;
        pinned = -1;
        firstVisible = -1;
        lastVisible = -1;
        fetcher = f;
        if (old > 0) {
            beginChange();
            nextRemove(0, Collections.nCopies(old, ListingRow.LOADING));
            endChange();
        }
        fetch(0);
    }

    /** Stops the fetch in flight, if any, and pauses fetching until {@link #resume()}. */
    public void cancel() {
        if (fetchingPage >= 0) {
            request++;
            if (cancelFetch != null) {
                cancelFetch.run();
            }
            cancelFetch = null;
            fetchingPage = -1;
            stopped = true;
            notifyBusy(false);
        }
    }

    /** Fetching again after a failure or a cancel; asks for the next page when nothing on screen is missing. */
    public void resume() {
        if (fetcher == null) {
            return;
        }
        stopped = false;
        if (fetchingPage < 0 && !fetchMissingVisible() && more) {
            fetch(pages.size());
        }
    }

    /** The rows on screen changed (scrolling, resizing): drops far pages, fetches missing or next ones. */
    public void viewport(int first, int last) {
        firstVisible = first;
        lastVisible = last;
        trim();
        pump(last >= size - pageSize);
    }

    /** The selected row (-1: none): its page is never dropped, so the selection keeps its row. */
    public void pin(int index) {
        pinned = index;
    }

    /** True while the search may have rows beyond the last fetched page. */
    public boolean hasMore() {
        return more;
    }

    public boolean fetching() {
        return fetchingPage >= 0;
    }

    /** Rows held in memory now (the rest read as {@link ListingRow#LOADING}). */
    public int rowsHeld() {
        int n = 0;
        for (Page p : pages) {
            n += p.rows == null ? 0 : p.size;
        }
        return n;
    }

    /** Pages fetched so far, dropped ones included. */
    public int pageCount() {
        return pages.size();
    }

    @Override
    public ListingRow get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("row " + index + " of " + size);
        }
        int i = pageOf(index);
        ListingRow[] rows = pages.get(i).rows;
        return rows == null ? ListingRow.LOADING : rows[index - starts[i]];
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * Where the table finds its selected item again. A TableView re-selects {@code indexOf(selectedItem)} after every
     * replace change (a dropped page fetched again is one), and every row not in memory is the one
     * {@link ListingRow#LOADING}: scanning for it found the first other dropped row, so a selected row whose page was
     * not in memory lost its selection to a far placeholder as soon as its own page arrived (and that row's page was
     * then kept and fetched instead). The selected (pinned) row answers first: a placeholder stands for it, and a loaded
     * row is found without scanning every row of the search.
     */
    @Override
    public int indexOf(Object o) {
        if (pinned >= 0 && pinned < size && (o == ListingRow.LOADING || get(pinned).equals(o))) {
            return pinned;
        }
        return super.indexOf(o);
    }

    private int pageOf(int index) {
        int i = Arrays.binarySearch(starts, 0, pages.size(), index);
        if (i < 0) {
            i = -i - 2;
        }
        while (i + 1 < pages.size() && starts[i + 1] == index) {
            i++; // empty pages share their start with the next one
        }
        return i;
    }

    private void pump(boolean nearEnd) {
        if (fetcher == null || stopped || fetchingPage >= 0) {
            return;
        }
        if (!fetchMissingVisible() && nearEnd && more) {
            fetch(pages.size());
        }
    }

    private boolean fetchMissingVisible() {
        if (firstVisible < 0 || size == 0) {
            return false;
        }
        int from = pageOf(Math.min(firstVisible, size - 1));
        int to = pageOf(Math.min(Math.max(lastVisible, firstVisible), size - 1));
        for (int p = from; p <= to; p++) {
            if (pages.get(p).rows == null) {
                fetch(p);
                return true;
            }
        }
        // Then one page beyond each side, so scrolling on rarely shows "Loading…".
        for (int p : new int[] {to + 1, from - 1}) {
            if (p >= 0 && p < pages.size() && pages.get(p).rows == null) {
                fetch(p);
                return true;
            }
        }
        return false;
    }

    private void fetch(int page) {
        String cursor = page < pages.size() ? pages.get(page).cursor : nextCursor;
        int token = ++request;
        fetchingPage = page;
        notifyBusy(true);
        Runnable cancel = fetcher.fetch(cursor, result -> {
            if (token == request && fetchingPage == page) {
                done(page, cursor, result);
            }
        }, error -> {
            if (token == request && fetchingPage == page) {
                fetchingPage = -1;
                cancelFetch = null;
                stopped = true;
                notifyBusy(false);
                if (listener != null) {
                    listener.failed(error, size == 0);
                }
            }
        });
        if (token == request && fetchingPage == page) {
            cancelFetch = cancel; // still running (a fetcher may also have answered before returning)
        }
    }

    private void done(int page, String cursor, SearchPage result) {
        fetchingPage = -1;
        cancelFetch = null;
        List<Listing> items = result.items() == null ? List.of() : result.items();
        if (page == pages.size()) {
            append(cursor, items, result.nextCursor());
        } else {
            refill(page, items);
        }
        notifyBusy(false);
        if (listener != null) {
            listener.loaded();
        }
        trim();
        // After a page arrives only what the person is looking at is fetched: missing rows on screen, or the next
        // page when the very last row is on screen (it is waiting for it).
        pump(lastVisible >= 0 && lastVisible >= size - 1);
    }

    private void append(String cursor, List<Listing> items, String next) {
        Page p = new Page(cursor);
        p.rows = rows(items);
        p.size = p.rows.length;
        p.firstId = p.size == 0 ? null : p.rows[0].id();
        p.lastId = p.size == 0 ? null : p.rows[p.size - 1].id();
        if (pages.size() == starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[pages.size()] = size;
        pages.add(p);
        nextCursor = next;
        more = next != null;
        int from = size;
        size += p.size;
        if (p.size > 0) {
            beginChange();
            nextAdd(from, size);
            endChange();
        }
    }

    /**
     * A dropped page fetched again. Listings may have gone or come since: the page is cut after the row that ended it
     * the first time, or before the row that began the next page (so it does not repeat the next page's rows), and the
     * list grows or shrinks by the difference.
     */
    private void refill(int page, List<Listing> items) {
        Page p = pages.get(page);
        ListingRow[] rows = rows(items);
        String nextFirst = page + 1 < pages.size() ? pages.get(page + 1).firstId : null;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].id().equals(nextFirst)) {
                rows = Arrays.copyOf(rows, i);
                break;
            }
            if (rows[i].id().equals(p.lastId)) {
                rows = Arrays.copyOf(rows, i + 1);
                break;
            }
        }
        int from = starts[page];
        int oldSize = p.size;
        p.rows = rows;
        p.size = rows.length;
        if (p.size != oldSize) {
            for (int i = page + 1; i < pages.size(); i++) {
                starts[i] += p.size - oldSize;
            }
            size += p.size - oldSize;
            if (pinned >= from + oldSize) {
                pinned += p.size - oldSize; // the selected row moves with the rows after this page
            }
        }
        beginChange();
        nextReplace(from, from + p.size, Collections.nCopies(oldSize, ListingRow.LOADING));
        endChange();
    }

    private static ListingRow[] rows(List<Listing> items) {
        ListingRow[] rows = new ListingRow[items.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = ListingRow.of(items.get(i));
        }
        return rows;
    }

    /** Drops the rows of pages more than {@code keepPages} away from the visible ones, except the selected row's. */
    private void trim() {
        if (firstVisible < 0 || size == 0) {
            return;
        }
        int from = pageOf(Math.min(firstVisible, size - 1)) - keepPages;
        int to = pageOf(Math.min(Math.max(lastVisible, firstVisible), size - 1)) + keepPages;
        int keep = pinned >= 0 && pinned < size ? pageOf(pinned) : -1;
        for (int i = 0; i < pages.size(); i++) {
            if ((i < from || i > to) && i != keep && i != fetchingPage) {
                pages.get(i).rows = null;
            }
        }
    }

    private void notifyBusy(boolean b) {
        if (listener != null) {
            listener.busy(b);
        }
    }
}
