package dev.electrabench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout docs/architecture.md describes, checked on the sources of every module (main code only): no
 * package cycles, {@code core.math} a leaf, {@code core} below the model modules, each model module on
 * {@code core} alone, {@code results} without ND4J. Dependencies are read from the code with comments
 * removed: imports and fully qualified names, so a reference cannot hide from the scan.
 */
class ArchitectureTest {
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern PROJECT_REFERENCE = Pattern.compile("\\bdev\\.electrabench\\.((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.[A-Z]");
    private static final Pattern ND4J = Pattern.compile("\\borg\\.(nd4j|bytedeco|deeplearning4j)\\.");
    private static final List<String> MODULES = List.of("core", "bert-baseline", "electra-model", "tasks", "results", "harness");

    /** package → packages of the project it refers to (itself excluded). */
    private static final Map<String, Set<String>> DEPENDENCIES = new TreeMap<>();
    /** package → whether any of its files refers to ND4J / JavaCPP. */
    private static final Map<String, Boolean> USES_ND4J = new TreeMap<>();

    @BeforeAll
    static void scan() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent(); // Surefire runs in harness/
        for (String module : MODULES) {
            Path sources = root.resolve(module).resolve("src/main/java");
            assertTrue(Files.isDirectory(sources), "no sources at " + sources);
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String code = withoutComments(Files.readString(f));
                    Matcher p = PACKAGE.matcher(code);
                    if (!p.find()) {
                        continue;
                    }
                    String pkg = p.group(1).replaceFirst("^dev\\.electrabench\\.", "");
                    Set<String> deps = DEPENDENCIES.computeIfAbsent(pkg, k -> new TreeSet<>());
                    Matcher m = PROJECT_REFERENCE.matcher(code.substring(p.end()));
                    while (m.find()) {
                        if (!m.group(1).equals(pkg)) {
                            deps.add(m.group(1));
                        }
                    }
                    USES_ND4J.merge(pkg, ND4J.matcher(code).find(), Boolean::logicalOr);
                }
            }
        }
        assertTrue(DEPENDENCIES.containsKey("core.math") && DEPENDENCIES.containsKey("electra"), DEPENDENCIES.keySet().toString());
    }

    @Test
    void noPackageCycles() {
        assertEquals(List.of(), cycles(DEPENDENCIES));
    }

    @Test
    void mathIsALeaf() {
        assertEquals(Set.of(), DEPENDENCIES.get("core.math"));
    }

    @Test
    void coreImportsNoModelModuleNorAnythingAboveIt() {
        assertEquals(Map.of(), offenders(p -> p.equals("core") || p.startsWith("core."),
                d -> !(d.equals("core") || d.startsWith("core."))));
    }

    @Test
    void eachModelModuleStandsOnCoreAlone() {
        assertEquals(Map.of(), offenders(p -> p.equals("bert") || p.equals("electra"),
                d -> !(d.equals("core") || d.startsWith("core."))));
    }

    @Test
    void sharedPretrainingCodeNeverReachesIntoTheEngine() {
        assertEquals(Map.of(), offenders(p -> p.startsWith("core.pretrain"), d -> d.startsWith("core.engine")));
    }

    @Test
    void resultsUsesNoNd4jNorModelCode() {
        Map<String, Set<String>> bad = offenders(p -> p.startsWith("results"),
                d -> d.startsWith("core.") && !Set.of("core.io").contains(d) || d.startsWith("tasks.finetune")
                        || d.startsWith("tasks.features") || d.equals("bert") || d.equals("electra") || d.startsWith("harness"));
        assertEquals(Map.of(), bad);
        assertEquals(List.of(), USES_ND4J.entrySet().stream()
                .filter(e -> e.getKey().startsWith("results") && e.getValue()).map(Map.Entry::getKey).toList());
    }

    @Test
    void theCycleFinderFindsCycles() {
        Map<String, Set<String>> g = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a")));
        assertEquals(List.of(List.of("a", "b", "c")), cycles(g));
        assertEquals(List.of(), cycles(Map.of("a", Set.of("b"), "b", Set.of())));
    }

    /** Packages matching {@code who} with their dependencies matching {@code forbidden}. */
    private static Map<String, Set<String>> offenders(java.util.function.Predicate<String> who,
                                                      java.util.function.Predicate<String> forbidden) {
        Map<String, Set<String>> out = new TreeMap<>();
        DEPENDENCIES.forEach((pkg, deps) -> {
            if (who.test(pkg)) {
                Set<String> bad = new TreeSet<>(deps.stream().filter(forbidden).toList());
                if (!bad.isEmpty()) {
                    out.put(pkg, bad);
                }
            }
        });
        return out;
    }

    /** The strongly connected components with more than one package (Tarjan), each sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new TreeMap<>();
        Map<String, Integer> low = new TreeMap<>();
        List<String> stack = new ArrayList<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        for (String v : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(v)) {
                strongConnect(v, graph, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private static void strongConnect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                                      Map<String, Integer> low, List<String> stack, Set<String> onStack,
                                      List<List<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.add(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strongConnect(w, graph, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.remove(stack.size() - 1);
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(new ArrayList<>(new TreeSet<>(component)));
            }
        }
    }

    /** Java source with comments blanked out; string and character literals (and text blocks) kept. */
    static String withoutComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? s.length() : end + 3;
                out.append(s, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, s.length());
                out.append(s, i, j);
                i = j;
            } else if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
