package io.enclave;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.testsupport.Toolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The studio's JVM options live in {@code packaging/jvm.args} (a java {@code @argfile}); the installers' jpackage
 * arguments, {@code mvn -Pstudio} and the AppCDS script must start the JVM with the same ones, and this JVM must accept
 * every one of them (an unrecognized option stops the app before its window).
 */
class LauncherOptionsTest {
    private static final Path DIR = Toolchain.projectDir().resolve("packaging");
    private static final String IGNORE_UNKNOWN = "-XX:+IgnoreUnrecognizedVMOptions";

    private static List<String> jvmArgs() throws IOException {
        return Arrays.stream(Files.readString(DIR.resolve("jvm.args")).split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void theInstallersPassExactlyTheJvmArgs() throws IOException {
        List<String> jpackage = Files.readAllLines(DIR.resolve("common.args")).stream()
                .filter(l -> l.startsWith("--java-options "))
                .map(l -> l.substring("--java-options ".length()).trim())
                .filter(o -> !o.startsWith("-XX:SharedArchiveFile=")) // the installed archive's path, app-only
                .toList();
        assertThat(jpackage).isEqualTo(jvmArgs());
        assertThat(jvmArgs()).anyMatch(o -> o.startsWith("-Xmx"));
    }

    @Test
    void theStudioProfileAndTheAppCdsScriptUseTheArgfile() throws IOException {
        assertThat(Files.readString(Toolchain.projectDir().resolve("pom.xml")))
                .contains("<argument>@${project.basedir}/packaging/jvm.args</argument>");
        String appcds = Files.readString(DIR.resolve("appcds.sh"));
        assertThat(appcds).contains("/jvm.args\"").contains("\"$java\" \"$options\" -XX:DumpLoadedClassList")
                .contains("\"$java\" \"$options\" -Xshare:dump");
    }

    @Test
    void anOlderJdk17StillStartsTheStudio() throws IOException {
        // -XX:TrimNativeHeapInterval needs 17.0.9+: an older JDK 17 skips what it does not know instead of refusing
        assertThat(jvmArgs().get(0)).isEqualTo(IGNORE_UNKNOWN);
    }

    @Test
    void thisJvmAcceptsEveryOption() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java));
        cmd.addAll(jvmArgs().stream().filter(o -> !o.equals(IGNORE_UNKNOWN)).toList()); // else nothing is refused
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).doesNotContainIgnoringCase("warning").doesNotContainIgnoringCase("unrecognized");
    }
}
