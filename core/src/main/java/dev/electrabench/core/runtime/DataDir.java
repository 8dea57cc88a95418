package dev.electrabench.core.runtime;

import java.nio.file.Path;

/**
 * The one setting that locates datasets: {@code --data-dir}, else env {@code ELECTRA_BENCH_DATA},
 * else system property {@code electrabench.data} (set by the test runner), else {@code ../shared/data}.
 */
public final class DataDir {
    public static final String ENV = "ELECTRA_BENCH_DATA";
    public static final String PROPERTY = "electrabench.data";
    public static final String DEFAULT = "../shared/data";

    private DataDir() {}

    public static Path resolve(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        return Path.of(DEFAULT);
    }

    public static Path resolve() {
        return resolve(null);
    }

    /** The HF reference fixtures ({@code ../shared/fixtures}), for tests. */
    public static Path fixtures() {
        String prop = System.getProperty("electrabench.fixtures");
        return Path.of(prop != null && !prop.isBlank() ? prop : "../shared/fixtures");
    }
}
