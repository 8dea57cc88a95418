/**
 * The regression gate behind {@code electra-bench check}: compares a current summary or leaderboard
 * CSV with a baseline metric by metric and says which metrics regressed beyond a tolerance.
 */
package dev.electrabench.results.gate;
