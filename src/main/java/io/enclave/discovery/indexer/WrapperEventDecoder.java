package io.enclave.discovery.indexer;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.web3j.protocol.core.methods.response.BaseEventResponse;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Decodes one event with its generated wrapper ({@code Marketplace.getListingCreatedEventFromLog} and the like) and
 * turns the typed response's public fields — named as in Solidity — into canonical strings: uintN as decimal, address
 * and bytes as lower-case 0x-hex, bool as true/false, string as is, arrays comma-separated.
 */
final class WrapperEventDecoder implements EventDecoder {
    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private final EventMappings.Mapping mapping;
    private final String topic;

    WrapperEventDecoder(EventMappings.Mapping mapping) {
        this.mapping = mapping;
        this.topic = mapping.topic();
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public String name() {
        return mapping.name();
    }

    @Override
    public DecodedEvent decode(RawLog raw) {
        if (raw.topics().isEmpty() || !topic.equals(raw.topics().get(0))) {
            throw new IllegalArgumentException(name() + " log " + raw.txHash() + "#" + raw.logIndex() + " has another topic");
        }
        Log log = new Log();
        log.setAddress(raw.address());
        log.setTopics(raw.topics());
        log.setData(raw.data());
        BaseEventResponse response;
        try {
            response = mapping.fromLog().apply(log);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name() + " log " + raw.txHash() + "#" + raw.logIndex()
                    + " does not match the contract's ABI: " + e, e);
        }
        Map<String, String> args = new HashMap<>();
        for (Field f : fields(response.getClass())) {
            try {
                args.put(f.getName(), text(f.get(response)));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return new DecodedEvent(name(), args, raw);
    }

    private static List<Field> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Field> out = new ArrayList<>();
            for (Field f : t.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isPublic(mod) && !Modifier.isStatic(mod)) {
                    out.add(f);
                }
            }
            return List.copyOf(out);
        });
    }

    static String text(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("missing value");
        }
        if (value instanceof BigInteger n) {
            return n.toString();
        }
        if (value instanceof byte[] b) {
            return Numeric.toHexString(b);
        }
        if (value instanceof String s) {
            return s.matches("0x[0-9a-fA-F]{40}") ? s.toLowerCase(Locale.ROOT) : s;
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof List<?> l) {
            return l.stream().map(WrapperEventDecoder::text).collect(Collectors.joining(","));
        }
        throw new IllegalArgumentException("Unsupported decoded value " + value.getClass().getSimpleName());
    }
}
