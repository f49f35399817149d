package io.enclave.discovery.indexer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.BytesType;
import org.web3j.abi.datatypes.NumericType;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.utils.Numeric;

/** Decodes one event from its {@link EventSignature} with web3j's ABI decoder. */
public final class AbiEventDecoder implements EventDecoder {
    private final EventSignature signature;
    private final String topic;
    private final List<TypeReference<Type>> dataTypes = new ArrayList<>();

    public AbiEventDecoder(EventSignature signature) {
        this.signature = signature;
        this.topic = signature.topic();
        for (EventSignature.Param p : signature.params()) {
            if (!p.indexed()) {
                dataTypes.add(reference(p.type()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static TypeReference<Type> reference(String type) {
        try {
            return (TypeReference<Type>) TypeReference.makeTypeReference(type, false, false);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("Unsupported ABI type " + type, e);
        }
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public String name() {
        return signature.name();
    }

    public EventSignature signature() {
        return signature;
    }

    @Override
    public DecodedEvent decode(RawLog log) {
        long indexedCount = signature.params().stream().filter(EventSignature.Param::indexed).count();
        if (log.topics().size() != indexedCount + 1 || !topic.equals(log.topics().get(0))) {
            throw new IllegalArgumentException(signature.name() + " log " + log.txHash() + "#" + log.logIndex()
                    + " has " + log.topics().size() + " topics, expected " + (indexedCount + 1));
        }
        List<Type> data;
        try {
            data = FunctionReturnDecoder.decode(log.data(), dataTypes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(signature.name() + " log " + log.txHash() + "#" + log.logIndex()
                    + " has malformed data: " + e.getMessage(), e);
        }
        if (data.size() != dataTypes.size()) {
            throw new IllegalArgumentException(signature.name() + " log " + log.txHash() + "#" + log.logIndex()
                    + " carries " + data.size() + " data values, expected " + dataTypes.size());
        }
        Map<String, String> args = new HashMap<>();
        int topicIndex = 1;
        int dataIndex = 0;
        for (EventSignature.Param p : signature.params()) {
            if (p.indexed()) {
                String t = log.topics().get(topicIndex++);
                args.put(p.name(), isDynamic(p.type()) ? t : text(FunctionReturnDecoder.decodeIndexedValue(t,
                        reference(p.type()))));
            } else {
                args.put(p.name(), text(data.get(dataIndex++)));
            }
        }
        return new DecodedEvent(signature.name(), args, log);
    }

    private static boolean isDynamic(String type) {
        return type.equals("string") || type.equals("bytes");
    }

    static String text(Type<?> value) {
        if (value instanceof Address a) {
            return a.getValue().toLowerCase(Locale.ROOT);
        }
        if (value instanceof NumericType n) {
            return n.getValue().toString();
        }
        if (value instanceof BytesType b) {
            return Numeric.toHexString(b.getValue()).toLowerCase(Locale.ROOT);
        }
        if (value instanceof Bool b) {
            return b.getValue().toString();
        }
        if (value instanceof Utf8String s) {
            return s.getValue();
        }
        throw new IllegalArgumentException("Unsupported decoded value " + value.getTypeAsString());
    }
}
