/**
 * The datasets electra-bench knows and the checks and downloads behind
 * {@code electra-bench data list | verify | fetch}.
 *
 * <ul>
 *   <li>{@link dev.electrabench.harness.data.DatasetCatalog}: every dataset, its files in the data-dir
 *       layout, row counts (verified ones from shared/data/SOURCES.md; published but unchecked ones
 *       marked unverified) and sha256 where known ({@code sha256sums.txt}, copied from SOURCES.md).</li>
 *   <li>{@code verify}: presence, format sniff, row count, sha256. Missing files are reported and never
 *       fatal (every dataset is optional until a task needs it); a present file with the wrong format,
 *       row count or official checksum is CORRUPT (exit 1). A sha256 that differs from the reference
 *       copy only (not an official checksum) is a warning: other valid copies may differ in bytes.</li>
 *   <li>{@code fetch}: official locations (GLUE zips unpacked into glue/, MRPC split as
 *       download_glue_data.py does, SQuAD and the vocab as plain files), or a mirror of a data dir
 *       ({@code --base-url} / env ELECTRA_BENCH_FETCH_BASE). Downloads go to {@code .part} files,
 *       resume with HTTP Range, are checked against official checksums and renamed into place only when
 *       complete; every fetched file is then verified and deleted if corrupt. CoNLL-2003 is never
 *       downloaded (Reuters licence); the Wikipedia slice and WikiText-2 only from a mirror.</li>
 * </ul>
 */
package dev.electrabench.harness.data;
