/**
 * Slurm from Java: the {@code slurm:} settings of a comparison ({@link dev.electrabench.harness.slurm.SlurmSettings})
 * and the Slurm commands the Slurm executor runs ({@link dev.electrabench.harness.slurm.SlurmCli}: sbatch, sinfo,
 * squeue, scontrol, sacct, scancel). Knows nothing of comparisons: {@code harness.compare.SlurmGrid} builds the
 * job graph on top of it.
 */
package dev.electrabench.harness.slurm;
