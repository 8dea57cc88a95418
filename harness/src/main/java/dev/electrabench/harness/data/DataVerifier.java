package dev.electrabench.harness.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks a data dir against the catalog: presence, format, row count (where verified) and sha256
 * (where known). Missing files are reported, never fatal: every dataset is optional until a task or the
 * pre-training needs it. A present file that is wrong is {@link FileStatus.State#CORRUPT}.
 */
public final class DataVerifier {
    private DataVerifier() {}

    public static List<FileStatus> verify(Path dataDir, List<Dataset> datasets) {
        List<FileStatus> statuses = new ArrayList<>();
        for (Dataset d : datasets) {
            for (DataFile f : d.files()) {
                statuses.add(check(dataDir, d, f));
            }
        }
        return statuses;
    }

    /** Checks one file. */
    public static FileStatus check(Path dataDir, Dataset dataset, DataFile file) {
        Path path = dataDir.resolve(file.path());
        if (!Files.isRegularFile(path)) {
            Path part = path.resolveSibling(path.getFileName() + ".part");
            String detail = Files.exists(part) ? "an interrupted download is in " + part.getFileName() + " (resume with data fetch " + dataset.name() + ")" : "not present";
            return new FileStatus(dataset, file, FileStatus.State.MISSING, detail);
        }
        long rows;
        try {
            rows = file.format().countRows(path);
        } catch (CorruptFileException e) {
            return new FileStatus(dataset, file, FileStatus.State.CORRUPT, e.getMessage());
        } catch (IOException e) {
            return new FileStatus(dataset, file, FileStatus.State.CORRUPT, "cannot read: " + e.getMessage());
        }
        if (file.rows().isPresent() && rows != file.rows().getAsLong()) {
            return new FileStatus(dataset, file, FileStatus.State.CORRUPT,
                    rows + " " + file.format().unit() + ", expected " + file.rows().getAsLong());
        }
        String counted = rows + " " + file.format().unit();
        if (file.sha256().isEmpty()) {
            return new FileStatus(dataset, file, FileStatus.State.OK, counted);
        }
        String actual;
        try {
            actual = sha256(path);
        } catch (IOException e) {
            return new FileStatus(dataset, file, FileStatus.State.CORRUPT, "cannot read: " + e.getMessage());
        }
        if (actual.equals(file.sha256().get())) {
            return new FileStatus(dataset, file, FileStatus.State.OK, counted + ", sha256 ok");
        }
        if (file.officialSha256()) {
            return new FileStatus(dataset, file, FileStatus.State.CORRUPT,
                    "sha256 " + actual + ", expected " + file.sha256().get() + " (the official file's)");
        }
        return new FileStatus(dataset, file, FileStatus.State.DIFFERS,
                counted + "; sha256 differs from the reference copy in SOURCES.md (format and row count are fine)");
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JRE has SHA-256
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
