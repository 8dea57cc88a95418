/**
 * Reading CSV files with a header row, where every bad cell becomes a one-line
 * {@link dev.electrabench.core.UserException} naming the file, line and column.
 */
package dev.electrabench.results.csv;
