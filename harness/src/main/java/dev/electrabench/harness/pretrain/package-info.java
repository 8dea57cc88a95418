/**
 * Wiring of the model modules into runs: the pre-training objectives by name. The only harness package that
 * imports {@code bert} and {@code electra}; the commands and {@code compare} go through it.
 */
package dev.electrabench.harness.pretrain;
