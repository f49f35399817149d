package io.enclave.ui.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.discovery.api.SellerProfile;
import io.enclave.discovery.api.TrustGraph;
import io.enclave.discovery.indexer.Reputation;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The non-JavaFX parts of the trust screen: the reputation formula's parts, chain errors in words, input parsing, the
 * graph layout.
 */
class TrustWordsTest {
    private static final BigInteger MOCA = BigInteger.TEN.pow(18);

    @Test
    void reputationPartsAddUpToTheIndexersScore() {
        Random r = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            BigInteger staked = new BigInteger(80, r);
            BigInteger slashed = r.nextInt(4) == 0 ? new BigInteger(78, r) : BigInteger.ZERO;
            int vouchers = r.nextInt(15);
            int sales = r.nextInt(40);
            int refunds = r.nextInt(4);
            int slashes = slashed.signum() == 0 ? 0 : 1 + r.nextInt(2);
            int server = Reputation.score(new Reputation.Inputs(staked, vouchers, sales, refunds, slashes, slashed));
            SellerProfile p = new SellerProfile("0x" + "1".repeat(40), server, staked.toString(), vouchers, sales, refunds,
                    slashes, slashed.toString(), 0, List.of(), List.of(), List.of());
            assertThat(ReputationParts.total(ReputationParts.of(p))).as("inputs %s %s %d %d %d %d", staked, slashed,
                    vouchers, sales, refunds, slashes).isEqualTo(server);
        }
    }

    @Test
    void reputationPartsSayWhereThePointsComeFrom() {
        SellerProfile p = new SellerProfile("0x" + "1".repeat(40), 0, MOCA.multiply(BigInteger.valueOf(15)).toString(), 2, 3,
                1, 1, MOCA.multiply(BigInteger.valueOf(5)).toString(), 0, List.of(), List.of(), List.of());
        List<ReputationParts.Part> parts = ReputationParts.of(p);
        assertThat(parts).extracting(ReputationParts.Part::name)
                .containsExactly("Stake", "Vouchers", "Sales", "Refunds", "Slashes");
        assertThat(parts.get(0).formula()).contains("10 MOCA net stake");
        assertThat(parts.get(0).points()).isEqualTo(Math.round(60 * Math.log1p(10) / Math.log(2)));
        assertThat(parts).extracting(ReputationParts.Part::points).containsSubsequence(50L, 45L, -40L, -200L);
        assertThat(ReputationParts.total(parts)).isEqualTo(208 + 50 + 45 - 40 - 200);
    }

    @Test
    void knownRefusalsGetPlainWordsAndKeepTheDecodedError() {
        String vote = "Vote for proposal 1 would fail: EnclaveGovernor.GovernorAlreadyCastVote(voter=0xab). Nothing was sent.";
        assertThat(ChainWords.explain(vote)).startsWith("This account has already voted").endsWith("(" + vote + ")");
        assertThat(ChainWords.explain("would fail: TrustStaking.StillUnbonding(releaseAt=99)"))
                .startsWith("The unbonding period is not over yet");
        assertThat(ChainWords.explain("something new")).isEqualTo("something new");
        assertThat(ChainWords.explain(null)).isEmpty();
    }

    @Test
    void amountsAndPercentagesAreParsedStrictly() {
        assertThat(TrustController.moca("x", "1.5", false))
                .isEqualTo(MOCA.multiply(BigInteger.valueOf(15)).divide(BigInteger.TEN));
        assertThat(TrustController.moca("x", "1,000", false)).isEqualTo(MOCA.multiply(BigInteger.valueOf(1000)));
        assertThat(TrustController.moca("x", "0", true)).isZero();
        assertThatThrownBy(() -> TrustController.moca("The stake", "0", false)).hasMessageContaining("more than zero");
        for (String bad : List.of("", "-1", "1e9", "0x10", "1.0000000000000000001", "abc")) {
            assertThatThrownBy(() -> TrustController.moca("The stake", bad, false)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(TrustController.percentToBps("10")).isEqualTo(1000);
        assertThat(TrustController.percentToBps("2.5%")).isEqualTo(250);
        assertThat(TrustController.percentToBps("100")).isEqualTo(10_000);
        for (String bad : List.of("0", "100.01", "0.001", "ten", "")) {
            assertThatThrownBy(() -> TrustController.percentToBps(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> TrustServices.address("0x123")).hasMessageContaining("not an address");
        assertThat(TrustServices.address(" 0xABCDEF0123456789abcdef0123456789ABCDEF01 "))
                .isEqualTo("0xabcdef0123456789abcdef0123456789abcdef01");
    }

    @Test
    void theLayoutPutsTheCenterInTheMiddleAndEachDistanceOnItsRing() {
        String c = addr(0);
        TrustGraph g = new TrustGraph(c, 2, List.of(new TrustGraph.Node(c, 500, 0), new TrustGraph.Node(addr(1), 100, 1),
                new TrustGraph.Node(addr(2), 0, 1), new TrustGraph.Node(addr(3), 900, 2)),
                List.of(new TrustGraph.Edge(addr(1), c, "1"), new TrustGraph.Edge(c, addr(2), "1"),
                        new TrustGraph.Edge(addr(3), addr(1), "1")), false);
        Map<String, GraphLayout.Point> p = GraphLayout.place(g);
        assertThat(p).hasSize(4);
        assertThat(p.get(c).x()).isZero();
        assertThat(p.get(c).y()).isZero();
        for (String a : List.of(addr(1), addr(2), addr(3))) {
            GraphLayout.Point q = p.get(a);
            assertThat(Math.hypot(q.x(), q.y())).isCloseTo(q.distance(), org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(Math.hypot(p.get(addr(1)).x() - p.get(addr(2)).x(), p.get(addr(1)).y() - p.get(addr(2)).y()))
                .as("the two first-ring nodes are apart").isGreaterThan(1);
        assertThat(GraphLayout.place(g)).as("stable").isEqualTo(p);
    }

    private static String addr(int i) {
        return String.format("0x%040x", i + 1);
    }

    @Test
    void theUnbondingPeriodAndTheTimeLeftInWords() {
        assertThat(UnbondingWords.span(java.time.Duration.ofDays(7))).isEqualTo("7 days");
        assertThat(UnbondingWords.span(java.time.Duration.ofHours(30))).isEqualTo("1 day 6 hours");
        assertThat(UnbondingWords.span(java.time.Duration.ofMinutes(61))).isEqualTo("1 hour 1 minute");
        assertThat(UnbondingWords.span(java.time.Duration.ofSeconds(45 * 60 + 59))).isEqualTo("45 minutes");
        assertThat(UnbondingWords.span(java.time.Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(UnbondingWords.span(java.time.Duration.ofSeconds(-5))).isEqualTo("0 seconds");
        UnbondingWords words = new UnbondingWords(java.time.ZoneOffset.UTC);
        long now = java.time.Instant.parse("2026-11-29T14:00:00Z").getEpochSecond();
        assertThat(words.beforeRequest(java.time.Duration.ofDays(7), now))
                .isEqualTo("your stake can be withdrawn after 7 days, on 6 Dec 2026 14:00");
        java.time.Instant release = java.time.Instant.parse("2026-12-02T18:30:00Z");
        assertThat(words.left(release, now)).isEqualTo("3 days 4 hours left (until 2 Dec 2026 18:30)");
        assertThat(words.left(release, release.getEpochSecond())).isEqualTo("ready to withdraw");
        assertThat(words.left(release, release.getEpochSecond() - 1)).isEqualTo("1 second left (until 2 Dec 2026 18:30)");
    }
}
