/**
 * The leaderboard: per (model, checkpoint fraction) the median over fine-tuning seeds of every task
 * metric, the GLUE score in the ELECTRA paper convention, and the seed spread; written as
 * {@code leaderboard.csv} (one line per metric, machine-readable) and {@code leaderboard.md}.
 */
package dev.electrabench.results.leaderboard;
