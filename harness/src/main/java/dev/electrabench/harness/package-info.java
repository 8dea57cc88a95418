/**
 * The {@code electra-bench} command line: the Picocli root ({@link dev.electrabench.harness.ElectraBench}),
 * the launcher that re-starts the JVM with the right OpenBLAS core type and the Vector API module, and the
 * build version. The commands are in {@code cli}; what they run is in {@code compare}, {@code pretrain},
 * {@code bench} and {@code data}, and in the library modules. Nothing imports {@code harness}.
 */
package dev.electrabench.harness;
