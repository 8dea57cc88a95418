package dev.electrabench.core.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which build of electra-bench is running: the git commit its classes were compiled from, read from
 * {@code git.properties} that core's build writes with `git rev-parse HEAD` in the checkout (core/pom.xml).
 * Running {@code git} at run time would record whatever repository the jar happens to be run in. The one owner
 * of this fact: {@code --version}, the result rows' {@code git_commit} and every run.json's {@code build} read it.
 */
public final class BuildInfo {
    private static final Properties GIT = load();

    private BuildInfo() {}

    /** The commit, "-dirty" appended for uncommitted changes; "unknown" when built without git. */
    public static String gitCommit() {
        String id = GIT.getProperty("git.commit.id", "").trim();
        if (id.isEmpty() || id.startsWith("${")) {
            return "unknown";
        }
        return Boolean.parseBoolean(GIT.getProperty("git.dirty", "false").trim()) ? id + "-dirty" : id;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("git.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no commit known: gitCommit() says "unknown"
        }
        return p;
    }
}
