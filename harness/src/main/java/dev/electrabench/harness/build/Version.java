package dev.electrabench.harness.build;

import dev.electrabench.core.runtime.BuildInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What {@code --version} prints: the jar manifest's Implementation-Version, the git commit the classes were built
 * from ({@link BuildInfo}), and the ND4J and Java versions.
 */
public final class Version implements CommandLine.IVersionProvider {
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion(); // the jar manifest's
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "electra-bench " + current(),
            "git commit " + BuildInfo.gitCommit(),
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
