/**
 * One metric value with its provenance ({@link dev.electrabench.results.summary.ResultRow}) and the
 * schema-versioned {@code summary.csv} that holds them ({@link dev.electrabench.results.summary.SummaryCsv}).
 * The schema is documented in {@code results/README.md}.
 */
package dev.electrabench.results.summary;
