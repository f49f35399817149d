package io.enclave.discovery.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.generated.Uint256;

class EventSignatureTest {
    @Test
    void transferTopicIsTheWellKnownOne() {
        EventSignature s = EventSignature.parse("Transfer(address indexed from, address indexed to, uint256 value)");
        assertThat(s.canonical()).isEqualTo("Transfer(address,address,uint256)");
        assertThat(s.topic()).isEqualTo("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
    }

    @Test
    void everyMappingMatchesWeb3jsEncoding() {
        EventSignature vouched = EventSignature.parse(EventMappings.DECLARATIONS.get(7));
        Event web3 = new Event("Vouched", List.of(new TypeReference<Address>(true) { }, new TypeReference<Address>(true) { },
                new TypeReference<Uint256>() { }));
        assertThat(vouched.topic()).isEqualTo(EventEncoder.encode(web3));
        assertThat(EventMappings.decoders()).hasSize(EventMappings.DECLARATIONS.size());
        for (EventDecoder d : EventMappings.decoders().values()) {
            assertThat(Projector.HANDLERS).as(d.name()).containsKey(d.name());
        }
    }

    @Test
    void malformedDeclarationsAreRefused() {
        assertThatThrownBy(() -> EventSignature.parse("Nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventSignature.parse("E(uint256[] xs)")).hasMessageContaining("Unsupported");
        assertThatThrownBy(() -> EventSignature.parse("E(uint a indexed, uint b)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventSignature.parse("E(uint indexed a, uint indexed b, uint indexed c, uint indexed d)"))
                .hasMessageContaining("at most 3");
        assertThatThrownBy(() -> EventMappings.decoders(List.of("E(uint a)", "E(uint256 b)")))
                .hasMessageContaining("Duplicate");
    }

    @Test
    void decodesAndRejectsLogs() {
        AbiEventDecoder d = new AbiEventDecoder(EventSignature.parse("PriceUpdated(uint256 indexed listingId, uint256 price)"));
        String id = "0x" + "0".repeat(63) + "7";
        String price = "0x" + "0".repeat(62) + "ff";
        DecodedEvent e = d.decode(new RawLog("0xabc", List.of(d.topic(), id), price, 1, "0xb", "0xt", 0));
        assertThat(e.uint("listingId")).isEqualTo(7);
        assertThat(e.uint("price")).isEqualTo(255);
        assertThatThrownBy(() -> d.decode(new RawLog("0xabc", List.of(d.topic()), price, 1, "0xb", "0xt", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topics");
        assertThatThrownBy(() -> d.decode(new RawLog("0xabc", List.of(d.topic(), id), "0x12", 1, "0xb", "0xt", 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
