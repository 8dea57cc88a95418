/**
 * Results of electra-bench runs, independent of any model code: one metric value per {@code ResultRow},
 * the schema-versioned {@code summary.csv}, the leaderboard (medians over seeds, GLUE score), the
 * compute-efficiency plot and the regression gate. Pure Java: no ND4J, testable without a model.
 */
package dev.electrabench.results;
