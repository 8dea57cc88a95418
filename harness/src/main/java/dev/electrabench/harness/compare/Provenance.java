package dev.electrabench.harness.compare;

import dev.electrabench.core.runtime.Backend;
import dev.electrabench.core.runtime.BuildInfo;
import dev.electrabench.harness.build.Version;
import dev.electrabench.results.summary.RunInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What produced a result row: git commit, config hash, backend and device, version. */
public final class Provenance {
    private Provenance() {}

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RunInfo run(String runId, String createdUtc, String configSha256) {
        var b = Backend.describe();
        return new RunInfo(runId, createdUtc, BuildInfo.gitCommit(), configSha256, b.backend(), b.device(), Version.current());
    }
}
