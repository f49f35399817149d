package io.enclave.zk.witness;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a nested input map into circom's qualified signal names → flat value lists (witness_calculator.js's qualify_input). */
final class InputFlattener {
    private InputFlattener() {
    }

    static void qualify(String prefix, Object input, Map<String, List<BigInteger>> out, BigInteger prime) {
        if (input instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                qualify(prefix.isEmpty() ? key : prefix + "." + key, e.getValue(), out, prime);
            }
            return;
        }
        List<Object> leaves = new ArrayList<>();
        flatten(input, leaves);
        boolean objects = !leaves.isEmpty() && leaves.get(0) instanceof Map;
        if (objects) {
            qualifyList(prefix, input, out, prime);
            return;
        }
        List<BigInteger> values = new ArrayList<>();
        for (Object leaf : leaves) {
            if (leaf instanceof Map) {
                throw new IllegalArgumentException("input \"" + prefix + "\" mixes values and objects");
            }
            values.add(normalize(leaf, prefix, prime));
        }
        out.put(prefix, values);
    }

    private static void qualifyList(String prefix, Object input, Map<String, List<BigInteger>> out, BigInteger prime) {
        List<?> list = asList(input);
        if (list == null) {
            qualify(prefix, input, out, prime);
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            qualifyList(prefix + "[" + i + "]", list.get(i), out, prime);
        }
    }

    private static void flatten(Object v, List<Object> out) {
        List<?> list = asList(v);
        if (list == null) {
            out.add(v);
            return;
        }
        for (Object o : list) {
            flatten(o, out);
        }
    }

    private static List<?> asList(Object v) {
        if (v instanceof List<?> l) {
            return l;
        }
        if (v instanceof Object[] a) {
            return List.of(a);
        }
        if (v instanceof long[] a) {
            return java.util.Arrays.stream(a).boxed().toList();
        }
        if (v instanceof int[] a) {
            return java.util.Arrays.stream(a).boxed().toList();
        }
        return null;
    }

    private static BigInteger normalize(Object v, String name, BigInteger prime) {
        BigInteger b;
        if (v instanceof BigInteger x) {
            b = x;
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            b = BigInteger.valueOf(((Number) v).longValue());
        } else if (v instanceof String s) {
            try {
                b = s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("input \"" + name + "\" is not a number: \"" + s + "\"");
            }
        } else {
            throw new IllegalArgumentException("input \"" + name + "\" must be an integer (BigInteger, Long, Integer or "
                    + "decimal String), got " + (v == null ? "null" : v.getClass().getSimpleName()));
        }
        return b.mod(prime);
    }
}
