package dev.electrabench.harness.slurm;

import dev.electrabench.core.config.ConfigReference;

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
            addOption(o, "time", time);
            addOption(o, "cpus-per-task", cpus);
            addOption(o, "mem", mem);
            addOption(o, "gres", gres);
            return o;
        }
    }

    /** The config reference's entries of the {@code slurm:} section (keys below {@code slurm.}); the keys come from them. */
    public static final List<ConfigReference.Entry> REFERENCE = referenceEntries();

    private static List<ConfigReference.Entry> referenceEntries() {
        List<ConfigReference.Entry> e = new ArrayList<>();
        e.add(entry("slurm", "a section", "Where and how `compare --executor slurm` runs its jobs; results do not depend on it."));
        e.add(entry("slurm.partition", "a partition (`sinfo`)", "`sbatch --partition`; `--partition` on the command line wins."));
        e.add(entry("slurm.account", "an account", "`sbatch --account`; `--account` on the command line wins."));
        e.add(entry("slurm.qos", "a QoS", "`sbatch --qos`; `--qos` on the command line wins."));
        e.add(entry("slurm.java", "a command", "The Java 17 command a job runs (default `java`)."));
        e.add(entry("slurm.jar", "a path", "The CPU build's jar every job runs (default: the submitting jar)."));
        e.add(entry("slurm.gpu_jar", "a path", "The CUDA build's jar, run by jobs whose `gres` asks for a GPU."));
        e.add(entry("slurm.setup", "shell lines, a list", "Run before the jar in every job (e.g. `module load java/17`)."));
        e.add(entry("slurm.sbatch_args", "sbatch options, a list", "Passed to every `sbatch` as they are."));
        e.add(entry("slurm.assume_shared", "true, false", "Trust that the run folder is seen by every node even when it looks local."));
        for (String kind : List.of("pretrain", "finetune", "report")) {
            String k = "slurm." + kind;
            e.add(entry(k, "a section", "Resources of a " + kind + " job."));
            e.add(entry(k + ".time", "a Slurm time (30, 2:00:00, 1-00:00:00)", "`sbatch --time`."));
            e.add(entry(k + ".cpus", ">= 1", "`sbatch --cpus-per-task`."));
            e.add(entry(k + ".mem", "a Slurm size (8G, 16000M)", "`sbatch --mem`."));
            e.add(entry(k + ".gres", "a gres (gpu:1)", "`sbatch --gres`; a GPU job runs `gpu_jar`."));
        }
        return List.copyOf(e);
    }

    private static ConfigReference.Entry entry(String key, String range, String meaning) {
        return new ConfigReference.Entry(key, ConfigReference.Range.described(range), "", meaning);
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
        addOption(o, "partition", partition);
        addOption(o, "account", account);
        addOption(o, "qos", qos);
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

    /** {@code --name=value}, when the value is set. */
    private static void addOption(List<String> options, String name, Object value) {
        if (value != null) {
            options.add("--" + name + "=" + value);
        }
    }
}
