/**
 * The {@code electra-bench} subcommands, one Picocli class each, registered in
 * {@link dev.electrabench.harness.ElectraBench}.
 */
package dev.electrabench.harness.cli;
