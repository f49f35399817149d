package io.enclave.discovery.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The response cache never serves an answer computed before the last invalidation, and stays within its bounds. */
class ResponseCacheTest {
    private static ResponseCache.Answer b(String s) {
        return ResponseCache.Answer.of(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void servesWhatWasStoredUntilTheNextInvalidation() {
        ResponseCache cache = new ResponseCache(10, 1 << 20);
        assertThat(cache.get("q")).isNull();
        cache.put(cache.ticket(), "q", b("one"));
        assertThat(cache.get("q")).isEqualTo(b("one"));
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
        cache.invalidate();
        assertThat(cache.get("q")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void anAnswerComputedAcrossACommitIsNotStored() {
        ResponseCache cache = new ResponseCache(10, 1 << 20);
        ResponseCache.Ticket before = cache.ticket();
        cache.invalidate();
        cache.put(before, "q", b("read before the commit"));
        assertThat(cache.get("q")).isNull();
        ResponseCache.Ticket after = cache.ticket();
        cache.put(after, "q", b("fresh"));
        assertThat(cache.get("q")).isEqualTo(b("fresh"));
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondItsEntryAndByteBounds() {
        ResponseCache byCount = new ResponseCache(2, 1 << 20);
        byCount.put(byCount.ticket(), "a", b("1"));
        byCount.put(byCount.ticket(), "b", b("2"));
        assertThat(byCount.get("a")).isNotNull();
        byCount.put(byCount.ticket(), "c", b("3"));
        assertThat(byCount.get("b")).isNull();
        assertThat(byCount.get("a")).isNotNull();
        assertThat(byCount.get("c")).isNotNull();

        ResponseCache byBytes = new ResponseCache(100, 10);
        byBytes.put(byBytes.ticket(), "a", b("123456"));
        byBytes.put(byBytes.ticket(), "b", b("123456"));
        assertThat(byBytes.get("a")).isNull();
        assertThat(byBytes.get("b")).isNotNull();
        byBytes.put(byBytes.ticket(), "huge", b("12345678901"));
        assertThat(byBytes.get("huge")).isNull();
        assertThat(byBytes.size()).isEqualTo(1);
    }

    @Test
    void theEtagIsTheContentsHashSoEqualBytesShareItAndDifferentBytesDoNot() {
        assertThat(b("one").etag()).isEqualTo(b("one").etag()).matches("\"[0-9a-f]{32}\"");
        assertThat(b("one").etag()).isNotEqualTo(b("one ").etag());
        // SHA-256("abc") starts ba7816bf 8f01cfea 414140de 5dae2223
        assertThat(b("abc").etag()).isEqualTo("\"ba7816bf8f01cfea414140de5dae2223\"");
    }

    @Test
    void theEmptyTitleMemoSurvivesAnAppendOnlyCommitButNoOtherAndNotAcrossOne() {
        ResponseCache cache = new ResponseCache(2, 1 << 20);
        cache.putEmptyTitleBelow(cache.titleTicket(), "a", BigDecimal.TEN);
        cache.putEmptyTitleBelow(cache.titleTicket(), "a", BigDecimal.ONE);
        assertThat(cache.emptyTitleBelow("a")).as("the highest bound is kept").isEqualByComparingTo(BigDecimal.TEN);
        cache.put(cache.ticket(), "q", b("one"));
        cache.invalidateAnswers();
        assertThat(cache.get("q")).isNull();
        assertThat(cache.emptyTitleBelow("a")).isEqualByComparingTo(BigDecimal.TEN);
        ResponseCache.TitleTicket before = cache.titleTicket();
        cache.invalidateAnswers();
        cache.putEmptyTitleBelow(before, "b", BigDecimal.TEN);
        assertThat(cache.emptyTitleBelow("b")).as("an append-only commit in between").isNotNull();
        ResponseCache.TitleTicket stale = cache.titleTicket();
        cache.invalidate();
        assertThat(cache.emptyTitleBelow("a")).isNull();
        cache.putEmptyTitleBelow(stale, "c", BigDecimal.TEN);
        assertThat(cache.emptyTitleBelow("c")).as("checked before a commit that may have changed titles").isNull();
        cache.putEmptyTitleBelow(cache.titleTicket(), "d", BigDecimal.TEN);
        cache.putEmptyTitleBelow(cache.titleTicket(), "e", BigDecimal.TEN);
        cache.putEmptyTitleBelow(cache.titleTicket(), "f", BigDecimal.TEN);
        assertThat(cache.emptyTitleBelow("d")).as("bounded like the answers: least recently used out").isNull();
        assertThat(cache.emptyTitleBelow("f")).isNotNull();
        cache.suspend();
        assertThat(cache.emptyTitleBelow("f")).isNull();
        cache.putEmptyTitleBelow(cache.titleTicket(), "g", BigDecimal.TEN);
        cache.resume();
        assertThat(cache.emptyTitleBelow("g")).isNull();
    }
}
