import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.web3j.codegen.SolidityFunctionWrapperGenerator;

/**
 * Build step 3: generates a web3j wrapper for every compiled contract (web3j codegen 4.13.0).
 * A wrapper is regenerated only when its ABI or bytecode is newer than it.
 * Usage: java -cp <compile class path> build/GenerateWrappers.java <contracts dir> <out dir> <package>
 */
public final class GenerateWrappers {
    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String pkg = args[2];
        if (!Files.isDirectory(in)) {
            System.out.println("[enclave] no compiled contracts in " + in);
            return;
        }
        Path pkgDir = out.resolve(pkg.replace('.', File.separatorChar));
        int generated = 0;
        int total = 0;
        try (Stream<Path> abis = Files.list(in)) {
            for (Path abi : (Iterable<Path>) abis.filter(p -> p.toString().endsWith(".abi")).sorted()::iterator) {
                String name = abi.getFileName().toString().replace(".abi", "");
                Path bin = in.resolve(name + ".bin");
                Path java = pkgDir.resolve(name + ".java");
                total++;
                if (Files.exists(java)
                        && Files.getLastModifiedTime(java).compareTo(Files.getLastModifiedTime(abi)) >= 0
                        && Files.getLastModifiedTime(java).compareTo(Files.getLastModifiedTime(bin)) >= 0) {
                    continue;
                }
                new SolidityFunctionWrapperGenerator(bin.toFile(), abi.toFile(), out.toFile(), name, pkg,
                        true, false, 20).generate();
                generated++;
            }
        }
        System.out.println(generated == 0
                ? "[enclave] " + total + " contract wrappers up to date"
                : "[enclave] generated " + generated + " of " + total + " contract wrappers into " + pkgDir);
    }
}
