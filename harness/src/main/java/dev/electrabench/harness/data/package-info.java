/**
 * The datasets electra-bench knows (where each file lives under the data dir, how many rows it has,
 * its sha256 where known, where to download it), and the checks and downloads behind
 * {@code electra-bench data list | verify | fetch}.
 */
package dev.electrabench.harness.data;
