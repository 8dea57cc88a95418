/**
 * The compute-efficiency plot (the ELECTRA paper's Figure 1 for one run): score against pre-training
 * FLOPs on a log axis, one line per model over its checkpoint fractions, as SVG and PNG.
 */
package dev.electrabench.results.plot;
