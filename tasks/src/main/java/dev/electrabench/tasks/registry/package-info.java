/**
 * The table of tasks: names → tasks in display order, and the facts other modules read from it (each
 * task's paper and leaderboard metrics, the GLUE-score tasks). Above the task families, which never import it.
 */
package dev.electrabench.tasks.registry;
