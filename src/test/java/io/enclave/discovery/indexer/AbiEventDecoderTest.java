package io.enclave.discovery.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Int;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Uint;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Hash;

/**
 * The indexer's direct ABI decoder against the generated web3j wrappers (the reference): for every followed event,
 * random and edge-case argument values are ABI-encoded by web3j into topics and data, and both decoders must give the
 * same arguments. Malformed logs must be refused, never decoded into something.
 */
class AbiEventDecoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADDRESS = "0x00000000000000000000000000000000000000aa";
    private static final int TRIES = 150;

    @Test
    void everyFollowedEventDecodesLikeItsWrapper() throws Exception {
        Random random = new Random(20261129);
        for (EventMappings.Mapping m : EventMappings.DECLARATIONS) {
            EventDecoder direct = AbiEventDecoder.of(m);
            EventDecoder wrapper = new WrapperEventDecoder(m);
            assertThat(direct.topic()).isEqualTo(wrapper.topic());
            assertThat(direct.name()).isEqualTo(wrapper.name());
            List<JsonNode> inputs = inputs(m);
            for (int i = 0; i < TRIES; i++) {
                RawLog log = encode(m, inputs, random, i);
                DecodedEvent expected = wrapper.decode(log);
                DecodedEvent actual = direct.decode(log);
                assertThat(actual.args()).as(m.name() + " try " + i).isEqualTo(expected.args());
                assertThat(actual.args()).hasSize(inputs.size());
                assertThat(actual.name()).isEqualTo(expected.name());
                assertThat(actual.log()).isSameAs(log);
            }
        }
    }

    @Test
    void aListingCreatedLogGivesItsKnownArguments() {
        EventMappings.Mapping m = mapping("Marketplace.ListingCreated");
        String seller = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
        RawLog log = new RawLog(ADDRESS, List.of(m.topic(), word("2a"), "0x" + "11".repeat(32), "0x" + "0".repeat(24)
                + seller.substring(2)), "0x" + word("de0b6b3a7640000").substring(2) + "22".repeat(32) + "33".repeat(32),
                5, "0xb", "0xt", 3);
        DecodedEvent e = AbiEventDecoder.of(m).decode(log);
        assertThat(e.args()).isEqualTo(Map.of("listingId", "42", "credentialHash", "0x" + "11".repeat(32), "seller", seller,
                "price", "1000000000000000000", "metadataDigest", "0x" + "22".repeat(32),
                "keyCommitment", "0x" + "33".repeat(32)));
    }

    @Test
    void malformedLogsAreRefused() {
        EventMappings.Mapping purchased = mapping("Marketplace.CredentialPurchased");
        EventDecoder d = AbiEventDecoder.of(purchased);
        List<String> topics = List.of(purchased.topic(), word("1"), word("2"), word("aa"));
        // amount, offset of the key (0x60), deliverBy, key length 2, key bytes
        String good = "0x" + word("5").substring(2) + word("60").substring(2) + word("7").substring(2)
                + word("2").substring(2) + "abcd" + "00".repeat(30);
        assertThat(d.decode(log(topics, good)).args()).containsEntry("buyerPublicKey", "0xabcd")
                .containsEntry("deliverBy", "7");
        Map<String, String> bad = Map.of(
                "data cut short", good.substring(0, good.length() - 70),
                "offset beyond the data", good.replace(word("60").substring(2), word("1000").substring(2)),
                "length beyond the data", good.replace(word("2").substring(2) + "abcd", word("99").substring(2) + "abcd"),
                "huge offset", good.replace(word("60").substring(2), "ff".repeat(32)),
                "not hex", good.replace("abcd", "zz00"),
                "odd length", good + "0");
        bad.forEach((why, data) -> assertThatThrownBy(() -> d.decode(log(topics, data))).as(why)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Marketplace.CredentialPurchased"));
        assertThatThrownBy(() -> d.decode(log(topics.subList(0, 3), good))).as("a missing indexed topic")
                .isInstanceOf(IllegalArgumentException.class);
        List<String> wide = List.of(purchased.topic(), word("1"), word("2"), "0x" + "01" + "0".repeat(22) + "aa".repeat(20));
        assertThatThrownBy(() -> d.decode(log(wide, good))).as("an address with high bytes set")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.decode(log(List.of(word("99"), word("1"), word("2"), word("aa")), good)))
                .as("another event's topic").isInstanceOf(IllegalArgumentException.class);

        EventMappings.Mapping royalty = mapping("CredentialRegistry.IssuerRoyaltyChanged");
        EventDecoder r = AbiEventDecoder.of(royalty);
        List<String> rt = List.of(royalty.topic(), word("aa"));
        assertThat(r.decode(log(rt, word("ffff"))).args()).containsEntry("royaltyBps", "65535");
        assertThatThrownBy(() -> r.decode(log(rt, word("10000")))).as("a uint16 wider than 16 bits")
                .isInstanceOf(IllegalArgumentException.class);

        EventMappings.Mapping resolved = mapping("Marketplace.DisputeResolved");
        EventDecoder dr = AbiEventDecoder.of(resolved);
        List<String> drt = List.of(resolved.topic(), word("1"));
        assertThat(dr.decode(log(drt, word("1") + word("5").substring(2))).args()).containsEntry("buyerWins", "true");
        assertThatThrownBy(() -> dr.decode(log(drt, word("2") + word("5").substring(2)))).as("a bool of 2")
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RawLog log(List<String> topics, String data) {
        return new RawLog(ADDRESS, topics, data, 1, "0xb", "0xt", 0);
    }

    private static String word(String hex) {
        return "0x" + "0".repeat(64 - hex.length()) + hex;
    }

    private static EventMappings.Mapping mapping(String name) {
        return EventMappings.DECLARATIONS.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<JsonNode> inputs(EventMappings.Mapping m) throws Exception {
        try (InputStream in = AbiEventDecoderTest.class.getResourceAsStream("/io/enclave/contracts/" + m.contract()
                + ".abi")) {
            for (JsonNode e : JSON.readTree(in)) {
                if ("event".equals(e.path("type").asText()) && m.event().getName().equals(e.path("name").asText())) {
                    List<JsonNode> out = new ArrayList<>();
                    e.path("inputs").forEach(out::add);
                    List<String> types = out.stream().map(n -> n.path("type").asText()).toList();
                    if (Hash.sha3String(m.event().getName() + "(" + String.join(",", types) + ")").equals(m.topic())) {
                        return out;
                    }
                }
            }
        }
        throw new AssertionError("no ABI entry for " + m.name());
    }

    /** A log of {@code m} whose arguments are random (and, for the first tries, the extremes), encoded by web3j. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static RawLog encode(EventMappings.Mapping m, List<JsonNode> inputs, Random random, int attempt) {
        List<String> topics = new ArrayList<>(List.of(m.topic()));
        List<Type> data = new ArrayList<>();
        for (JsonNode in : inputs) {
            Type value = value(in.path("type").asText(), random, attempt, false);
            if (in.path("indexed").asBoolean()) {
                topics.add("0x" + TypeEncoder.encode(value));
            } else {
                data.add(value);
            }
        }
        return new RawLog(ADDRESS, topics, "0x" + FunctionEncoder.encodeConstructor(data), 7, "0xb", "0xt", attempt);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Type value(String type, Random random, int attempt, boolean inArray) {
        if (type.endsWith("[]")) {
            String element = type.substring(0, type.length() - 2);
            int n = attempt < 3 ? attempt : random.nextInt(6);
            List<Type> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(value(element, random, attempt, true));
            }
            Class<? extends Type> cls = switch (element) {
                case "address" -> Address.class;
                case "string" -> Utf8String.class;
                case "bytes" -> DynamicBytes.class;
                default -> element.startsWith("uint") ? Uint.class : Int.class;
            };
            return new DynamicArray(cls, items);
        }
        if (type.startsWith("uint")) {
            int bits = type.equals("uint") ? 256 : Integer.parseInt(type.substring(4));
            BigInteger v = switch (attempt) {
                case 0 -> BigInteger.ZERO;
                case 1 -> BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
                default -> new BigInteger(random.nextInt(bits) + 1, random);
            };
            return new Uint(v);
        }
        if (type.startsWith("int")) {
            int bits = type.equals("int") ? 256 : Integer.parseInt(type.substring(3));
            return new Int(new BigInteger(bits - 1, random).subtract(attempt % 2 == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(bits - 2)));
        }
        switch (type) {
            case "address" -> {
                byte[] a = new byte[20];
                random.nextBytes(a);
                // Mixed-case input must come out lower-cased, like the wrapper's.
                String hex = HexFormat.of().formatHex(a);
                return new Address(attempt % 2 == 0 ? "0x" + hex : "0x" + hex.toUpperCase(java.util.Locale.ROOT));
            }
            case "bool" -> {
                return new Bool(random.nextBoolean());
            }
            case "bytes32" -> {
                byte[] b = new byte[32];
                if (attempt > 0) {
                    random.nextBytes(b);
                }
                return new Bytes32(b);
            }
            case "bytes" -> {
                byte[] b = new byte[attempt == 0 ? 0 : random.nextInt(200)];
                random.nextBytes(b);
                return new DynamicBytes(b);
            }
            case "string" -> {
                // web3j's encoder counts a string inside an array in chars, not UTF-8 bytes, when it computes the next
                // element's offset (solc does not): such logs would be web3j's mistake, so arrays get ASCII here.
                return new Utf8String(inArray ? "item " + random.nextInt() : text(random, attempt));
            }
            default -> throw new AssertionError("the test has no generator for " + type);
        }
    }

    private static final List<Function<Random, String>> STRINGS = List.of(
            r -> "",
            r -> "Dispute #" + r.nextInt(1000) + ": undecryptable key",
            r -> "0xABCDEF0123456789ABCDEF0123456789ABCDEF01",
            r -> "ünïcødé ✓ 日本語 " + r.nextLong(),
            r -> "x".repeat(r.nextInt(100)),
            r -> new String(new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80}, StandardCharsets.UTF_8));

    private static String text(Random random, int attempt) {
        return STRINGS.get(attempt < STRINGS.size() ? attempt : random.nextInt(STRINGS.size())).apply(random);
    }
}
