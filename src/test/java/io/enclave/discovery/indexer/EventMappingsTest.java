package io.enclave.discovery.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.chain.contracts.Marketplace;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;

class EventMappingsTest {
    private static final String MARKET = "0x00000000000000000000000000000000000000aa";
    private static final String STAKING = "0x00000000000000000000000000000000000000bb";

    @Test
    void everyMappingIsDecodedThroughItsWrapperAndProjected() {
        Map<String, EventDecoder> decoders = EventMappings.decoders(Map.of(EventMappings.MARKETPLACE, MARKET,
                EventMappings.STAKING, STAKING, EventMappings.REGISTRY, "0x00000000000000000000000000000000000000cc",
                EventMappings.GOVERNOR, "0x00000000000000000000000000000000000000dd"));
        assertThat(decoders).hasSize(EventMappings.DECLARATIONS.size());
        Set<String> kept = Set.of("Marketplace.PaymentWithdrawn", "TrustStaking.PaymentWithdrawn",
                "TrustStaking.VotingPowerSynced", "CredentialRegistry.AttestationRevoked");
        for (EventDecoder d : decoders.values()) {
            if (!kept.contains(d.name())) {
                assertThat(Projector.HANDLERS).as(d.name()).containsKey(d.name());
            }
        }
        assertThat(EventMappings.names()).containsAll(Projector.HANDLERS.keySet());
        assertThat(EventMappings.names()).containsAll(Analytics.METRICS.keySet());
    }

    @Test
    void theSameEventFromTwoContractsIsTwoMappings() {
        Map<String, EventDecoder> decoders = EventMappings.decoders(Map.of(EventMappings.MARKETPLACE, MARKET,
                EventMappings.STAKING, STAKING));
        String topic = EventEncoder.encode(Marketplace.PAYMENTWITHDRAWN_EVENT);
        assertThat(decoders.get(EventMappings.key(MARKET, topic)).name()).isEqualTo("Marketplace.PaymentWithdrawn");
        assertThat(decoders.get(EventMappings.key(STAKING, topic)).name()).isEqualTo("TrustStaking.PaymentWithdrawn");
        assertThat(decoders.get(EventMappings.key(STAKING, EventEncoder.encode(Marketplace.LISTINGCREATED_EVENT))))
                .as("a ListingCreated log from the staking contract is not a listing").isNull();
        Set<String> topics = new HashSet<>();
        decoders.values().forEach(d -> topics.add(d.topic()));
        assertThat(topics).hasSizeLessThan(decoders.size());
    }

    @Test
    void aDuplicateMappingOrAnUnknownContractIsRefused() {
        EventMappings.Mapping m = EventMappings.DECLARATIONS.get(0);
        assertThatThrownBy(() -> EventMappings.decoders(List.of(m, m), Map.of(EventMappings.MARKETPLACE, MARKET)))
                .hasMessageContaining("Duplicate");
        assertThatThrownBy(() -> IndexerConfig.of(Map.of("Market", MARKET), 0, 0)).hasMessageContaining("Unknown contract");
        assertThatThrownBy(() -> IndexerConfig.of(Map.of(EventMappings.MARKETPLACE, "0x12"), 0, 0))
                .hasMessageContaining("Not a contract address");
    }

    @Test
    void decodesAndRejectsLogs() {
        EventDecoder d = EventMappings.decoders(Map.of(EventMappings.MARKETPLACE, MARKET))
                .get(EventMappings.key(MARKET, EventEncoder.encode(Marketplace.PRICEUPDATED_EVENT)));
        String id = "0x" + "0".repeat(63) + "7";
        String price = "0x" + "0".repeat(62) + "ff";
        DecodedEvent e = d.decode(new RawLog(MARKET, List.of(d.topic(), id), price, 1, "0xb", "0xt", 0));
        assertThat(e.name()).isEqualTo("Marketplace.PriceUpdated");
        assertThat(e.uint("listingId")).isEqualTo(7);
        assertThat(e.uint("price")).isEqualTo(255);
        assertThatThrownBy(() -> d.decode(new RawLog(MARKET, List.of(d.topic()), price, 1, "0xb", "0xt", 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.decode(new RawLog(MARKET, List.of(d.topic(), id), "0x12", 1, "0xb", "0xt", 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.decode(new RawLog(MARKET, List.of("0x" + "0".repeat(64), id), price, 1, "0xb", "0xt", 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
