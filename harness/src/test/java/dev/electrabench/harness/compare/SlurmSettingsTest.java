package dev.electrabench.harness.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.harness.slurm.SlurmCli;
import dev.electrabench.harness.slurm.SlurmSettings;
import dev.electrabench.harness.slurm.SlurmSettings.JobKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code slurm:} section without a cluster: what it reads into, the sbatch options each kind of job gets,
 * the keys and values it refuses with one line, and which build a GPU job runs.
 */
class SlurmSettingsTest {
    static final Path SMOKE = Path.of(System.getProperty("user.dir")).resolve("../configs/smoke.yaml").normalize();

    private static Path config(Path dir, String slurm) throws Exception {
        return Files.writeString(dir.resolve("compare.yaml"), "name: s\nrun: " + SMOKE + "\nbudget_flops: 9.0e10\n"
                + "models: [electra, none]\nfractions: [1.0]\ntasks: [conll2003]\nseeds: [1]\n" + slurm);
    }

    @Test
    void sectionBecomesSbatchOptionsPerKindOfJob(@TempDir Path tmp) throws Exception {
        CompareConfig cc = CompareConfig.load(config(tmp, "slurm:\n  partition: cpu\n  account: proj\n  qos: normal\n"
                + "  sbatch_args: [\"--constraint=avx2\"]\n  setup: [\"module load java/17\"]\n"
                + "  pretrain: {time: '4:00:00', cpus: 8, mem: 16G}\n  finetune: {time: '30', gres: 'gpu:1'}\n"));
        SlurmSettings s = cc.slurmSettings();
        assertEquals(List.of("--partition=cpu", "--account=proj", "--qos=normal", "--time=4:00:00", "--cpus-per-task=8", "--mem=16G",
                "--constraint=avx2"), s.sbatchOptions(JobKind.PRETRAIN));
        assertEquals(List.of("--partition=cpu", "--account=proj", "--qos=normal", "--time=30", "--gres=gpu:1", "--constraint=avx2"),
                s.sbatchOptions(JobKind.FINETUNE));
        assertEquals(List.of("--partition=gpu", "--account=proj", "--qos=normal", "--constraint=avx2"),
                s.with("gpu", null, null).sbatchOptions(JobKind.REPORT), "the command line's --partition wins");
        assertEquals(List.of("module load java/17"), s.setupLines());
        // where the jobs run changes no result: the config's hash is the one without the section
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertEquals(new EfficiencyComparison(CompareConfig.load(config(plain, "")), config(plain, ""), tmp.resolve("a"), DataDir.resolve(),
                new TaskFineTuning(false, 0), null).cells(), new EfficiencyComparison(cc, tmp.resolve("compare.yaml"), tmp.resolve("b"),
                DataDir.resolve(), new TaskFineTuning(false, 0), null).cells());
    }

    @Test
    void badKeysAndValuesAreOneLineNamingThem(@TempDir Path tmp) throws Exception {
        UserException key = assertThrows(UserException.class, () -> CompareConfig.load(config(tmp, "slurm:\n  partitoin: cpu\n  qos: normal\n")));
        assertTrue(key.getMessage().contains(":9: unknown key slurm.partitoin (did you mean slurm.partition?)"), key.getMessage());
        UserException nested = assertThrows(UserException.class, () -> CompareConfig.load(config(tmp, "slurm:\n  finetune: {gpus: 1}\n")));
        assertTrue(nested.getMessage().contains(":9: unknown key slurm.finetune.gpus"), nested.getMessage());
        UserException mem = assertThrows(UserException.class, () -> CompareConfig.load(config(tmp, "slurm:\n  pretrain: {mem: 16 GB}\n")));
        assertTrue(mem.getMessage().endsWith("slurm.pretrain.mem: '16 GB' is not a Slurm memory size (e.g. 8G, 16000M)"), mem.getMessage());
        UserException time = assertThrows(UserException.class, () -> CompareConfig.load(config(tmp, "slurm:\n  report: {time: 2h}\n")));
        assertTrue(time.getMessage().contains("slurm.report.time: '2h' is not a Slurm time limit"), time.getMessage());
        UserException cpus = assertThrows(UserException.class, () -> CompareConfig.load(config(tmp, "slurm:\n  finetune: {cpus: 0}\n")));
        assertTrue(cpus.getMessage().endsWith("slurm.finetune.cpus: must be >= 1, not 0"), cpus.getMessage());
    }

    @Test
    void gpuJobsRunTheCudaBuild(@TempDir Path tmp) throws Exception {
        Path jar = Files.writeString(tmp.resolve("electra-bench.jar"), "not opened here");
        Path cfg = config(tmp, "slurm:\n  jar: " + jar + "\n  java: /opt/java17/bin/java\n  finetune: {gres: 'gpu:1'}\n");
        CompareConfig cc = CompareConfig.load(cfg);
        EfficiencyComparison comparison = new EfficiencyComparison(cc, cfg, tmp.resolve("out"), DataDir.resolve(), new TaskFineTuning(false, 0), null);
        SlurmGrid grid = new SlurmGrid(SlurmGrid.comparison(comparison, cfg, tmp.resolve("out"), DataDir.resolve()), tmp.resolve("out"),
                cc.slurmSettings(), new SlurmCli(), "dev.electrabench.harness.ElectraBench");
        UserException none = assertThrows(UserException.class, () -> grid.launchCommand(JobKind.FINETUNE));
        assertEquals("slurm.finetune.gres asks for a GPU but there is no CUDA build at " + tmp.resolve("cuda/electra-bench.jar")
                + " (build it with mvn -Pcuda package, or set slurm.gpu_jar)", none.getMessage());
        Path cuda = Files.writeString(Files.createDirectories(tmp.resolve("cuda")).resolve("electra-bench.jar"), "not opened here");
        assertEquals(List.of("/opt/java17/bin/java", "--add-modules", "jdk.incubator.vector", "-jar", cuda.toString()),
                grid.launchCommand(JobKind.FINETUNE));
        assertEquals(List.of("/opt/java17/bin/java", "--add-modules", "jdk.incubator.vector", "-jar", jar.toString()),
                grid.launchCommand(JobKind.PRETRAIN), "a CPU job runs the default build");
        assertEquals("proc", SlurmGrid.fileSystemType(Path.of("/proc/self")), "the mount a path is on");
    }
}
