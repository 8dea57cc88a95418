/**
 * GLUE: readers for every GLUE task's official TSVs (CoLA, SST-2, MRPC, STS-B, QQP, MNLI matched and
 * mismatched, QNLI, RTE, WNLI and the AX diagnostic), the metrics (accuracy, binary F1, Matthews
 * correlation, Pearson, Spearman; ×100), the per-task scorer with both the ELECTRA-paper and the GLUE
 * leaderboard conventions, the benchmark averages, and the leaderboard submission files.
 *
 * <p>Files are found under {@code <dataDir>/glue/<TASK>/} (this project's layout: train/dev/test.tsv)
 * or {@code <dataDir>/glue_data/<TASK>/} (the official download, e.g. MNLI's dev_matched.tsv, AX's
 * diagnostic/diagnostic.tsv). TSV fields are split on tabs only: quotes are ordinary characters
 * (Python csv QUOTE_NONE), since GLUE text contains unbalanced quotes.
 */
package dev.electrabench.tasks.classification;
