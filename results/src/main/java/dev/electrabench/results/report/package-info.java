/** Writing a run's whole report (summary, leaderboard, plots) from result rows. */
package dev.electrabench.results.report;
