package dev.electrabench.harness.slurm;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.electrabench.core.UserException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code slurm:} section of a comparison config: where and how its jobs run. Every key is optional; what
 * is not given is left to the cluster's defaults (sbatch is not passed the option).
 *
 * @param partition   {@code --partition}
 * @param account     {@code --account}
 * @param qos         {@code --qos}
 * @param java        the Java 17 command on the compute nodes (default: the JVM that submits)
 * @param jar         the electra-bench jar the jobs run (default: the one that submits; its class path when
 *                    not started from a jar)
 * @param gpuJar      the CUDA build, run by jobs whose {@code gres} asks for a GPU (default: {@code cuda/electra-bench.jar}
 *                    beside {@code jar}, where {@code mvn -Pcuda package} puts it)
 * @param setup       shell lines each job runs before Java (e.g. {@code module load java/17})
 * @param sbatchArgs  further sbatch arguments for every job (e.g. {@code --constraint=avx512})
 * @param pretrain    resources of a pre-training job
 * @param finetune    resources of a fine-tuning cell's job
 * @param report      resources of the report job
 * @param assumeShared trust that the run folder is on a file system every node sees even when it looks local
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SlurmSettings(String partition, String account, String qos, String java, String jar, String gpuJar,
                            List<String> setup, List<String> sbatchArgs, Resources pretrain, Resources finetune,
                            Resources report, Boolean assumeShared) {
    /** The keys, for the message about an unknown one. */
    public static final String KEYS = "partition, account, qos, java, jar, gpu_jar, setup, sbatch_args, pretrain, finetune, "
            + "report, assume_shared (pretrain/finetune/report: time, cpus, mem, gres)";

    private static final Pattern MEM = Pattern.compile("\\d+[KMGT]?", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile("(\\d+-)?\\d+(:\\d+){0,2}");

    /**
     * Resources of one kind of job.
     *
     * @param time {@code --time} (e.g. {@code 2:00:00} or {@code 1-00:00:00})
     * @param cpus {@code --cpus-per-task}
     * @param mem  {@code --mem} (e.g. {@code 8G})
     * @param gres {@code --gres} (e.g. {@code gpu:1}: the job then runs the CUDA build)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resources(String time, Integer cpus, String mem, String gres) {
        static final Resources NONE = new Resources(null, null, null, null);

        public boolean gpu() {
            return gres != null && gres.toLowerCase(Locale.ROOT).startsWith("gpu");
        }

        List<String> sbatchOptions() {
            List<String> o = new ArrayList<>();
            if (time != null) {
                o.add("--time=" + time);
            }
            if (cpus != null) {
                o.add("--cpus-per-task=" + cpus);
            }
            if (mem != null) {
                o.add("--mem=" + mem);
            }
            if (gres != null) {
                o.add("--gres=" + gres);
            }
            return o;
        }
    }

    /** No section at all: every default. */
    public static final SlurmSettings DEFAULTS = new SlurmSettings(null, null, null, null, null, null, null, null, null, null,
            null, null);

    /** The kinds of job a comparison submits. */
    public enum JobKind { PRETRAIN, FINETUNE, REPORT }

    public Resources resources(JobKind kind) {
        Resources r = switch (kind) {
            case PRETRAIN -> pretrain;
            case FINETUNE -> finetune;
            case REPORT -> report;
        };
        return r == null ? Resources.NONE : r;
    }

    public List<String> setupLines() {
        return setup == null ? List.of() : setup;
    }

    public boolean trustShared() {
        return Boolean.TRUE.equals(assumeShared);
    }

    /** The command line's overrides (null = keep the config's). */
    public SlurmSettings with(String partition, String account, String qos) {
        return new SlurmSettings(partition != null ? partition : this.partition, account != null ? account : this.account,
                qos != null ? qos : this.qos, java, jar, gpuJar, setup, sbatchArgs, pretrain, finetune, report, assumeShared);
    }

    /** The sbatch options every job of this kind gets (partition, account, QoS, resources, extra arguments). */
    public List<String> sbatchOptions(JobKind kind) {
        List<String> o = new ArrayList<>();
        if (partition != null) {
            o.add("--partition=" + partition);
        }
        if (account != null) {
            o.add("--account=" + account);
        }
        if (qos != null) {
            o.add("--qos=" + qos);
        }
        o.addAll(resources(kind).sbatchOptions());
        if (sbatchArgs != null) {
            o.addAll(sbatchArgs);
        }
        return o;
    }

    /** Checks what can be checked without the cluster; a one-line user error naming the key. */
    public void validate(Path file) {
        for (JobKind kind : JobKind.values()) {
            Resources r = resources(kind);
            String key = "slurm." + kind.name().toLowerCase(Locale.ROOT);
            if (r.cpus() != null && r.cpus() < 1) {
                throw UserException.in(file, key + ".cpus: must be >= 1, not " + r.cpus());
            }
            if (r.mem() != null && !MEM.matcher(r.mem()).matches()) {
                throw UserException.in(file, key + ".mem: '" + r.mem() + "' is not a Slurm memory size (e.g. 8G, 16000M)");
            }
            if (r.time() != null && !TIME.matcher(r.time()).matches()) {
                throw UserException.in(file, key + ".time: '" + r.time() + "' is not a Slurm time limit (e.g. 30, 2:00:00, 1-00:00:00)");
            }
        }
        for (String line : setupLines()) {
            if (line.contains("\n")) {
                throw UserException.in(file, "slurm.setup: one shell line per list item");
            }
        }
    }
}
