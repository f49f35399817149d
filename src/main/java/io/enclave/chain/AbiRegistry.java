package io.enclave.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.stream.Stream;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.AbiDefinition;
import org.web3j.utils.Numeric;

/**
 * Contract ABIs by name, indexed by 4-byte selector for decoding calls and custom errors. The build puts every
 * compiled contract's ABI on the class path at {@code io/enclave/contracts/<Name>.abi}.
 */
public final class AbiRegistry {
    public static final String CLASSPATH_DIR = "io/enclave/contracts";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A function or error of a contract with its selector. */
    public record Entry(String contract, AbiDefinition definition, String signature, String selector) {
    }

    private final Map<String, List<AbiDefinition>> contracts = new LinkedHashMap<>();
    private final Map<String, List<Entry>> errors = new HashMap<>();
    private final Map<String, Map<String, Entry>> functions = new HashMap<>();

    /** An empty registry; add ABIs with {@link #add}. */
    public AbiRegistry() {
    }

    /** Every {@code *.abi} on the class path under {@link #CLASSPATH_DIR}. */
    public static AbiRegistry fromClasspath() {
        AbiRegistry r = new AbiRegistry();
        try {
            for (URL url : Collections.list(AbiRegistry.class.getClassLoader().getResources(CLASSPATH_DIR))) {
                if ("file".equals(url.getProtocol())) {
                    r.addDirectory(Path.of(url.toURI()));
                } else if ("jar".equals(url.getProtocol())) {
                    var jar = ((JarURLConnection) url.openConnection()).getJarFile();
                    for (JarEntry e : Collections.list(jar.entries())) {
                        String n = e.getName();
                        if (n.startsWith(CLASSPATH_DIR + "/") && n.endsWith(".abi")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                r.add(n.substring(CLASSPATH_DIR.length() + 1, n.length() - 4), new String(in.readAllBytes(),
                                        java.nio.charset.StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list contract ABIs on the class path", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return r;
    }

    /** Adds every {@code <Name>.abi} in a directory. */
    public AbiRegistry addDirectory(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".abi")).sorted().toList()) {
                String n = p.getFileName().toString();
                add(n.substring(0, n.length() - 4), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read contract ABIs in " + dir, e);
        }
        return this;
    }

    /** Adds one contract's ABI JSON (an array). */
    public AbiRegistry add(String contract, String abiJson) {
        AbiDefinition[] defs;
        try {
            defs = JSON.readValue(abiJson, AbiDefinition[].class);
        } catch (IOException e) {
            throw new IllegalArgumentException("ABI of " + contract + " is not valid JSON: " + e.getMessage(), e);
        }
        contracts.put(contract, List.of(defs));
        Map<String, Entry> fns = new HashMap<>();
        for (AbiDefinition d : defs) {
            if (!"function".equals(d.getType()) && !"error".equals(d.getType())) {
                continue;
            }
            String sig = signature(d);
            Entry e = new Entry(contract, d, sig, selector(sig));
            if ("function".equals(d.getType())) {
                fns.put(e.selector(), e);
            } else {
                List<Entry> list = errors.computeIfAbsent(e.selector(), k -> new ArrayList<>());
                if (list.stream().noneMatch(x -> x.signature().equals(sig))) {
                    list.add(e);
                }
            }
        }
        functions.put(contract, fns);
        return this;
    }

    public boolean has(String contract) {
        return contracts.containsKey(contract);
    }

    public List<String> contractNames() {
        return List.copyOf(contracts.keySet());
    }

    public List<AbiDefinition> abi(String contract) {
        return contracts.getOrDefault(contract, List.of());
    }

    /** The custom error with this selector, from any contract (errors are often declared in libraries). */
    public Optional<Entry> error(String selector) {
        List<Entry> list = errors.get(selector.toLowerCase(java.util.Locale.ROOT));
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    /** The function of {@code contract} with this selector. */
    public Optional<Entry> function(String contract, String selector) {
        return Optional.ofNullable(functions.getOrDefault(contract, Map.of()).get(selector.toLowerCase(java.util.Locale.ROOT)));
    }

    /** The canonical signature, e.g. {@code transfer(address,uint256)}; tuples expand to their components. */
    public static String signature(AbiDefinition d) {
        StringBuilder b = new StringBuilder(d.getName()).append('(');
        List<AbiDefinition.NamedType> in = d.getInputs() == null ? List.of() : d.getInputs();
        for (int i = 0; i < in.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(canonicalType(in.get(i)));
        }
        return b.append(')').toString();
    }

    static String canonicalType(AbiDefinition.NamedType t) {
        if (t.getType().startsWith("tuple")) {
            StringBuilder b = new StringBuilder("(");
            List<AbiDefinition.NamedType> cs = t.getComponents();
            for (int i = 0; i < cs.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(canonicalType(cs.get(i)));
            }
            return b.append(')').append(t.getType().substring(5)).toString();
        }
        return t.getType();
    }

    public static String selector(String signature) {
        return Numeric.toHexString(Hash.sha3(signature.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 10);
    }
}
