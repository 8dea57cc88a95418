package dev.electrabench.harness.compare;

import dev.electrabench.core.runtime.Backend;
import dev.electrabench.harness.build.Version;
import dev.electrabench.results.summary.RunInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** What produced a result row: git commit, config hash, backend and device, version. */
public final class Provenance {
    private Provenance() {}

    /** HEAD of the working directory's git checkout, with "-dirty" when it has local changes; "unknown" without git. */
    public static String gitCommit() {
        String head = git("rev-parse", "HEAD");
        if (head == null) {
            return "unknown";
        }
        String status = git("status", "--porcelain", "--untracked-files=no");
        return status != null && !status.isBlank() ? head + "-dirty" : head;
    }

    private static String git(String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "git";
            System.arraycopy(args, 0, cmd, 1, args.length);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RunInfo run(String runId, String createdUtc, String configSha256) {
        var b = Backend.describe();
        return new RunInfo(runId, createdUtc, gitCommit(), configSha256, b.backend(), b.device(), Version.current());
    }
}
