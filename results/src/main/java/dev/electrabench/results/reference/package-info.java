/**
 * Published reference numbers (google-research/electra README "Expected Results") as result rows, so
 * that leaderboards and plots can show them next to measured runs.
 */
package dev.electrabench.results.reference;
