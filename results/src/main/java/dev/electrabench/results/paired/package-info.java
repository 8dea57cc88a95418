/**
 * Paired comparisons of two models at matched compute: per fine-tuning seed, the difference of their
 * dev scores (same seed, same task), its mean, a t-based 95% interval and a verdict word
 * ({@code better}, {@code worse}, {@code within noise}); written as {@code comparisons.csv}.
 */
package dev.electrabench.results.paired;
