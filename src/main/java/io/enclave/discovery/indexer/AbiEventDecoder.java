package io.enclave.discovery.indexer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the logs of one followed event straight from its ABI: topics and 32-byte data words become the canonical
 * argument strings {@link WrapperEventDecoder} produces (uintN/intN decimal, address and bytes lower-case 0x-hex, bool
 * true/false, string as is, arrays comma-separated), without web3j's typed objects, reflection or per-value regular
 * expressions. The layout (names, types, which are indexed) comes from the compiled contract's ABI on the class path
 * ({@code io/enclave/contracts/<Contract>.abi}), matched to the mapping by its topic, so it can only describe an event
 * the generated wrapper declares too. {@code AbiEventDecoderTest} and {@code IndexerSuiteIT} check it against the
 * wrappers on every followed event. Anything malformed (missing topics, short data, an offset or length out of range, a
 * value wider than its type, a bool other than 0/1) is an {@link IllegalArgumentException}.
 */
final class AbiEventDecoder implements EventDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> ABIS = new ConcurrentHashMap<>();
    private static final Pattern INT = Pattern.compile("(u?)int(\\d*)");
    private static final Pattern FIXED_BYTES = Pattern.compile("bytes(\\d+)");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** One ABI type this decoder reads; {@code element} is set for {@code T[]}. */
    private record Kind(Base base, int bits, Kind element) {
        boolean dynamic() {
            return base == Base.BYTES || base == Base.STRING || base == Base.ARRAY;
        }
    }

    private enum Base { UINT, INT, ADDRESS, BOOL, FIXED_BYTES, BYTES, STRING, ARRAY }

    private record Param(String name, Kind kind, boolean indexed) {
    }

    private final String name;
    private final String topic;
    private final List<Param> params;
    private final int indexedCount;

    private AbiEventDecoder(String name, String topic, List<Param> params) {
        this.name = name;
        this.topic = topic;
        this.params = List.copyOf(params);
        this.indexedCount = (int) params.stream().filter(Param::indexed).count();
    }

    /**
     * The decoder of {@code mapping}'s event as its contract's ABI declares it; throws IllegalStateException when the
     * ABI is missing or declares no event with the mapping's topic, or uses a type this decoder does not read (tuples).
     */
    static AbiEventDecoder of(EventMappings.Mapping mapping) {
        JsonNode abi = ABIS.computeIfAbsent(mapping.contract(), AbiEventDecoder::loadAbi);
        String wanted = mapping.topic();
        for (JsonNode e : abi) {
            if (!"event".equals(e.path("type").asText()) || !mapping.event().getName().equals(e.path("name").asText())) {
                continue;
            }
            List<Param> params = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (JsonNode in : e.path("inputs")) {
                String type = in.path("type").asText();
                types.add(type);
                params.add(new Param(in.path("name").asText(), kind(type, mapping.name()), in.path("indexed").asBoolean()));
            }
            String signature = mapping.event().getName() + "(" + String.join(",", types) + ")";
            if (topicOf(signature).equals(wanted)) {
                return new AbiEventDecoder(mapping.name(), wanted, params);
            }
        }
        throw new IllegalStateException("The ABI of " + mapping.contract() + " declares no event " + mapping.name()
                + " with topic " + wanted + ": rebuild the contracts (mvn generate-sources)");
    }

    private static JsonNode loadAbi(String contract) {
        String path = "/io/enclave/contracts/" + contract + ".abi";
        try (InputStream in = AbiEventDecoder.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("No ABI for " + contract + " on the class path (" + path + ")");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    private static String topicOf(String signature) {
        return org.web3j.crypto.Hash.sha3String(signature).toLowerCase(Locale.ROOT);
    }

    private static Kind kind(String type, String event) {
        if (type.endsWith("[]")) {
            return new Kind(Base.ARRAY, 0, kind(type.substring(0, type.length() - 2), event));
        }
        Matcher m = INT.matcher(type);
        if (m.matches()) {
            int bits = m.group(2).isEmpty() ? 256 : Integer.parseInt(m.group(2));
            return new Kind(m.group(1).isEmpty() ? Base.INT : Base.UINT, bits, null);
        }
        Matcher b = FIXED_BYTES.matcher(type);
        if (b.matches()) {
            return new Kind(Base.FIXED_BYTES, Integer.parseInt(b.group(1)) * 8, null);
        }
        return switch (type) {
            case "address" -> new Kind(Base.ADDRESS, 160, null);
            case "bool" -> new Kind(Base.BOOL, 8, null);
            case "bytes" -> new Kind(Base.BYTES, 0, null);
            case "string" -> new Kind(Base.STRING, 0, null);
            default -> throw new IllegalStateException(event + " has an argument of type " + type
                    + ", which the indexer's ABI decoder does not read");
        };
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DecodedEvent decode(RawLog raw) {
        List<String> topics = raw.topics();
        if (topics.isEmpty() || !topic.equals(topics.get(0))) {
            throw new IllegalArgumentException(name + " log " + raw.txHash() + "#" + raw.logIndex() + " has another topic");
        }
        try {
            if (topics.size() != indexedCount + 1) {
                throw new IllegalArgumentException("has " + (topics.size() - 1) + " indexed topics, the ABI declares "
                        + indexedCount);
            }
            byte[] data = hex(raw.data());
            Map<String, String> args = new HashMap<>(params.size() * 2);
            int topicAt = 1;
            int head = 0;
            for (Param p : params) {
                String value;
                if (p.indexed()) {
                    byte[] word = hex(topics.get(topicAt++));
                    if (word.length != 32) {
                        throw new IllegalArgumentException("topic " + (topicAt - 1) + " is not 32 bytes");
                    }
                    // An indexed dynamic value is stored as its keccak hash: the wrapper shows those 32 bytes.
                    value = p.kind().dynamic() ? hexOf(word, 0, 32) : staticValue(p.kind(), word, 0);
                } else {
                    value = p.kind().dynamic() ? dynamicValue(p.kind(), data, offset(data, head, 0))
                            : staticValue(p.kind(), data, head);
                    head += 32;
                }
                args.put(p.name(), value);
            }
            return new DecodedEvent(name, args, raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " log " + raw.txHash() + "#" + raw.logIndex()
                    + " does not match the contract's ABI: " + e.getMessage(), e);
        }
    }

    /** A value of a static type in the 32-byte word at {@code at}. */
    private static String staticValue(Kind k, byte[] data, int at) {
        word(data, at);
        switch (k.base()) {
            case UINT -> {
                BigInteger v = new BigInteger(1, data, at, 32);
                if (v.bitLength() > k.bits()) {
                    throw new IllegalArgumentException("a uint" + k.bits() + " value is " + v.bitLength() + " bits wide");
                }
                return v.toString();
            }
            case INT -> {
                BigInteger v = new BigInteger(data, at, 32);
                if (v.bitLength() > k.bits() - 1) {
                    throw new IllegalArgumentException("an int" + k.bits() + " value is out of range");
                }
                return v.toString();
            }
            case ADDRESS -> {
                requireZero(data, at, 12, "address");
                return hexOf(data, at + 12, 20);
            }
            case BOOL -> {
                requireZero(data, at, 31, "bool");
                return switch (data[at + 31]) {
                    case 0 -> "false";
                    case 1 -> "true";
                    default -> throw new IllegalArgumentException("a bool is " + data[at + 31]);
                };
            }
            case FIXED_BYTES -> {
                return hexOf(data, at, k.bits() / 8);
            }
            default -> throw new IllegalStateException(k.base() + " is not static");
        }
    }

    /** A dynamic value whose encoding starts at {@code at} (its length word). */
    private static String dynamicValue(Kind k, byte[] data, int at) {
        int length = offset(data, at, 0);
        int start = at + 32;
        switch (k.base()) {
            case BYTES, STRING -> {
                if (length > data.length - start) {
                    throw new IllegalArgumentException("a " + k.base().name().toLowerCase(Locale.ROOT) + " of " + length
                            + " bytes runs past the data");
                }
                if (k.base() == Base.BYTES) {
                    return hexOf(data, start, length);
                }
                String s = new String(data, start, length, java.nio.charset.StandardCharsets.UTF_8);
                return WrapperEventDecoder.text(s);
            }
            case ARRAY -> {
                if (length > (data.length - start) / 32) {
                    throw new IllegalArgumentException("an array of " + length + " elements runs past the data");
                }
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < length; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    Kind e = k.element();
                    out.append(e.dynamic() ? dynamicValue(e, data, offset(data, start + 32 * i, start))
                            : staticValue(e, data, start + 32 * i));
                }
                return out.toString();
            }
            default -> throw new IllegalStateException(k.base() + " is not dynamic");
        }
    }

    /** The word at {@code at} read as an offset or length (added to {@code base}), within the data. */
    private static int offset(byte[] data, int at, int base) {
        word(data, at);
        requireZero(data, at, 28, "offset");
        long v = ((data[at + 28] & 0xffL) << 24) | ((data[at + 29] & 0xff) << 16) | ((data[at + 30] & 0xff) << 8)
                | (data[at + 31] & 0xff);
        long r = v + base;
        if (r > data.length) {
            throw new IllegalArgumentException("an offset or length of " + v + " is beyond the " + data.length
                    + " bytes of data");
        }
        return (int) r;
    }

    private static void word(byte[] data, int at) {
        if (at < 0 || at + 32 > data.length) {
            throw new IllegalArgumentException("the data ends at byte " + data.length + ", a word at " + at + " is missing");
        }
    }

    private static void requireZero(byte[] data, int at, int count, String what) {
        for (int i = 0; i < count; i++) {
            if (data[at + i] != 0) {
                throw new IllegalArgumentException("an " + what + " word has non-zero high bytes");
            }
        }
    }

    static byte[] hex(String s) {
        int from = s.startsWith("0x") || s.startsWith("0X") ? 2 : 0;
        int n = s.length() - from;
        if ((n & 1) != 0) {
            throw new IllegalArgumentException("odd-length hex");
        }
        byte[] out = new byte[n / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(from + 2 * i), 16);
            int lo = Character.digit(s.charAt(from + 2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not hex: " + s.substring(from + 2 * i, from + 2 * i + 2));
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static String hexOf(byte[] b, int from, int length) {
        char[] out = new char[2 + 2 * length];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < length; i++) {
            int v = b[from + i] & 0xff;
            out[2 + 2 * i] = HEX[v >>> 4];
            out[3 + 2 * i] = HEX[v & 0xf];
        }
        return new String(out);
    }
}
