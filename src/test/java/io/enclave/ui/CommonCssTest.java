package io.enclave.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the rules every screen shares in {@code ui/common.css} (loaded once, on the scene): a per-view stylesheet
 * neither redefines one of its selectors nor repeats a rule another view's stylesheet already has word for word.
 */
class CommonCssTest {
    private static final Path UI = Path.of(System.getProperty("enclave.project.dir", "."))
            .resolve("src/main/resources/io/enclave/ui");
    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^}]*)}");

    /** One selector of a rule with its declarations, in a normal form, and the file it is in. */
    private record Rule(String selector, String declarations, Path file) {
    }

    @Test
    void noViewStylesheetRedefinesACommonSelector() throws IOException {
        List<String> common = rules(UI.resolve("common.css")).stream().map(Rule::selector).toList();
        assertThat(common).contains(".mono", ".ok-text", ".text-small", ".section", ".banner-error");
        List<String> repeats = new ArrayList<>();
        for (Path css : viewStylesheets()) {
            for (Rule r : rules(css)) {
                if (common.contains(r.selector())) {
                    repeats.add(UI.relativize(css) + ": " + r.selector());
                }
            }
        }
        assertThat(repeats).as("rules that belong in common.css only").isEmpty();
    }

    @Test
    void noRuleIsRepeatedWordForWordInTwoViewStylesheets() throws IOException {
        Map<String, Path> seen = new HashMap<>();
        List<String> twins = new ArrayList<>();
        for (Path css : viewStylesheets()) {
            for (Rule r : rules(css)) {
                Path first = seen.putIfAbsent(r.selector() + " {" + r.declarations() + "}", css);
                if (first != null && !first.equals(css)) {
                    twins.add(r.selector() + " in " + UI.relativize(first) + " and " + UI.relativize(css));
                }
            }
        }
        assertThat(twins).as("twins to move into common.css").isEmpty();
    }

    @Test
    void theParserSeesRepeats() {
        List<Rule> rules = parse(".a, .b .c {\n  -fx-padding: 1;\n -fx-text-fill: red }\n/* .x { } */ .b .c { -fx-text-fill: red;"
                + " -fx-padding: 1; }", Path.of("t.css"));
        assertThat(rules).extracting(Rule::selector).containsExactly(".a", ".b .c", ".b .c");
        assertThat(rules.get(1).declarations()).isEqualTo(rules.get(2).declarations());
    }

    private static List<Path> viewStylesheets() throws IOException {
        try (Stream<Path> files = Files.walk(UI)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".css") && !p.equals(UI.resolve("common.css")))
                    .sorted().toList();
            assertThat(all).hasSizeGreaterThan(10);
            return all;
        }
    }

    private static List<Rule> rules(Path css) throws IOException {
        return parse(Files.readString(css), css);
    }

    private static List<Rule> parse(String text, Path file) {
        String css = text.replaceAll("(?s)/\\*.*?\\*/", "");
        List<Rule> rules = new ArrayList<>();
        Matcher m = RULE.matcher(css);
        while (m.find()) {
            String declarations = String.join("; ", Arrays.stream(m.group(2).split(";")).map(String::strip)
                    .filter(d -> !d.isEmpty()).map(d -> d.replaceAll("\\s+", " ")).sorted().toList());
            for (String selector : m.group(1).split(",")) {
                rules.add(new Rule(selector.strip().replaceAll("\\s+", " "), declarations, file));
            }
        }
        return rules;
    }
}
