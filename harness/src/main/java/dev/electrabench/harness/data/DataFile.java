package dev.electrabench.harness.data;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One file of a dataset.
 *
 * @param path            location relative to the data dir, with '/' separators
 * @param format          layout, checked by {@code verify}
 * @param rows            row count verified on a real copy (shared/data/SOURCES.md); checked by {@code verify}
 * @param unverifiedRows  published count not checked on a copy here (e.g. a dataset card); shown, not checked
 * @param sha256          expected sha256 where known
 * @param officialSha256  true when {@code sha256} is that of the official release (a mismatch means a
 *                        corrupt file); false when it is only that of the reference copy in SOURCES.md
 *                        (other valid copies may differ in bytes, so a mismatch is a warning)
 */
public record DataFile(String path, FileFormat format, OptionalLong rows, OptionalLong unverifiedRows, Optional<String> sha256, boolean officialSha256) {
    /** "8551 rows", "~392702 rows (unverified)", "? rows". */
    public String describeRows() {
        if (rows.isPresent()) {
            return rows.getAsLong() + " " + format.unit();
        }
        if (unverifiedRows.isPresent()) {
            return "~" + unverifiedRows.getAsLong() + " " + format.unit() + " (unverified)";
        }
        return "? " + format.unit() + " (unknown)";
    }
}
