package dev.electrabench.harness.build;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The build's version and git commit, both from the jar itself: the manifest's Implementation-Version and
 * {@code git.properties}, written at build time by `git rev-parse HEAD` in the checkout (harness/pom.xml). Running {@code git} in the
 * current directory would record whatever repository the jar happens to be run in.
 */
public final class Version implements CommandLine.IVersionProvider {
    private static final Properties GIT = load();

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion(); // the jar manifest's
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    /** The commit the classes were built from, "-dirty" appended for uncommitted changes; "unknown" without git.properties. */
    public static String gitCommit() {
        String id = GIT.getProperty("git.commit.id", "").trim();
        if (id.isEmpty() || id.startsWith("${")) {
            return "unknown";
        }
        return Boolean.parseBoolean(GIT.getProperty("git.dirty", "false").trim()) ? id + "-dirty" : id;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("git.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no commit known: gitCommit() says "unknown"
        }
        return p;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "electra-bench " + current(),
            "git commit " + gitCommit(),
            "ND4J " + ND4J_VERSION,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vendor") + ")"};
    }

    static final String ND4J_VERSION = nd4jVersion();

    /** From ND4J's own jar manifest or pom properties; no ND4J class is loaded (that starts the backend). */
    private static String nd4jVersion() {
        for (String pom : new String[] {"META-INF/maven/org.nd4j/nd4j-api/pom.properties", "META-INF/maven/org.nd4j/nd4j-native/pom.properties"}) {
            try (InputStream in = Version.class.getClassLoader().getResourceAsStream(pom)) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    return p.getProperty("version", "unknown");
                }
            } catch (IOException e) {
                // try the next
            }
        }
        return "unknown";
    }
}
