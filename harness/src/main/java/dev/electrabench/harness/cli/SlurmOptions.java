package dev.electrabench.harness.cli;

import dev.electrabench.core.UserException;
import dev.electrabench.harness.slurm.SlurmSettings;
import picocli.CommandLine.Option;

/**
 * Where a grid command ({@code compare}, {@code evaluate}) runs: in this process, or as Slurm jobs with the
 * command line's partition, account and QoS over the config's {@code slurm:} section; and, hidden, which share of
 * the run a Slurm job is.
 */
public final class SlurmOptions {
    /** Where the grid runs. */
    public enum Executor { local, slurm }

    @Option(names = "--executor", defaultValue = "local",
            description = "local (this process) or slurm (sbatch jobs; follow with compare --status DIR): ${COMPLETION-CANDIDATES}")
    Executor executor;

    @Option(names = "--partition", description = "Slurm partition (overrides slurm.partition)")
    String partition;

    @Option(names = "--account", description = "Slurm account (overrides slurm.account)")
    String account;

    @Option(names = "--qos", description = "Slurm QoS (overrides slurm.qos)")
    String qos;

    /** A Slurm job's share of the run, as the submitter named it (e.g. pretrain:MODEL, cell:..., report). */
    @Option(names = "--job", hidden = true)
    String job;

    /** Whether this invocation submits Slurm jobs. */
    boolean submits() {
        return executor == Executor.slurm;
    }

    /** This process is one Slurm job of a run: its share, else null. */
    String job() {
        return job;
    }

    /** {@code settings} with the command line's partition, account and QoS where given. */
    SlurmSettings over(SlurmSettings settings) {
        return settings.with(partition, account, qos);
    }

    /** Jobs re-read the config file, so a {@code --set} would hold in the submitting process only. */
    void refuseOverrides(ConfigOverrideOption overrides, String command, String where) {
        if ((submits() || job != null) && !overrides.overrides().isEmpty()) {
            throw new UserException(command + ": --set cannot be combined with --executor slurm; write the values into " + where);
        }
    }
}
