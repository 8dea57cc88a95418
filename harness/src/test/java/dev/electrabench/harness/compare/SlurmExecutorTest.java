package dev.electrabench.harness.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.harness.ElectraBench;
import dev.electrabench.harness.slurm.SlurmCli;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.SummaryCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --executor slurm} against a real Slurm (bin/slurm-local's one-node cluster; .ci/run starts it):
 * configs/compare-slurm.yaml (compare-smoke's budget, ELECTRA and the control, one seed) as jobs, one cell scancel'd while it runs, --status
 * and --resume after it, summary.csv against the local executor's, --cancel, and the settings the cluster
 * refuses; evaluate's grid beside it, against a local evaluate. With CI=true a cluster that does not answer fails the test; elsewhere it skips it.
 */
class SlurmExecutorTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..").normalize();
    static final Path CONFIG = ROOT.resolve("configs/compare-slurm.yaml");
    static final Path SMOKE = ROOT.resolve("configs/smoke.yaml");
    static final long WAIT_S = 300;

    record Cli(int exit, String out, String err) {}

    static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ElectraBench.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void clusterAnswers() throws Exception {
        String problem = null;
        try {
            Process p = new ProcessBuilder("sinfo", "-h", "-o", "%T").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !text.matches("(?s).*(idle|mixed|allocated).*")) {
                problem = "sinfo: " + text.strip();
            }
        } catch (IOException e) {
            problem = "no sinfo on PATH";
        }
        if (problem != null) {
            String hint = "no Slurm cluster answers (" + problem + "); start one with: sudo bin/slurm-local start";
            if ("true".equals(System.getenv("CI"))) {
                fail(hint);
            }
            Assumptions.abort(hint);
        }
    }

    private static Map<String, SlurmGrid.UnitStatus> status(Path out) {
        Map<String, SlurmGrid.UnitStatus> m = new TreeMap<>();
        SlurmGrid.status(out, new SlurmCli()).forEach(u -> m.put(u.name(), u));
        return m;
    }

    /** Polls --status until {@code until} holds; fails with the last status after WAIT_S. */
    private static Map<String, SlurmGrid.UnitStatus> await(Path out, Predicate<Map<String, SlurmGrid.UnitStatus>> until) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        Map<String, SlurmGrid.UnitStatus> s = status(out);
        while (!until.test(s)) {
            if (System.nanoTime() > end) {
                fail("after " + WAIT_S + " s: " + SlurmGrid.render(out, new ArrayList<>(s.values())));
            }
            Thread.sleep(500);
            s = status(out);
        }
        return s;
    }

    private static boolean settled(Map<String, SlurmGrid.UnitStatus> s) {
        return s.values().stream().noneMatch(u -> u.standing() == SlurmGrid.Standing.RUNNING || u.standing() == SlurmGrid.Standing.QUEUED);
    }

    /** A summary row without its timing and provenance columns (created_utc, wall times, throughput, build). */
    private static String values(ResultRow r) {
        return String.join(",", r.run().runId(), r.run().configSha256(), r.model(), r.checkpoint().modelConfig(), Long.toString(r.checkpoint().params()),
                Long.toString(r.checkpoint().pretrainSteps()), Double.toString(r.checkpoint().pretrainFlops()),
                Double.toString(r.checkpointFraction()), r.task(), r.split(), r.seed().toString(), r.metric(), Double.toString(r.value()));
    }

    @Test
    void gridThroughSlurmEqualsLocalAndAKilledCellIsResubmitted(@TempDir Path tmp) throws Exception {
        Path data = DataDir.resolve();
        Path slurmOut = tmp.resolve("slurm");
        Cli submitted = cli("compare", "--executor", "slurm", "--config", CONFIG.toString(), "--out", slurmOut.toString(),
                "--data-dir", data.toString());
        assertEquals(0, submitted.exit(), submitted.err());
        assertEquals(4, submitted.out().lines().filter(l -> l.startsWith("submitted ")).count(), submitted.out()); // pre-training, 2 cells, report
        // evaluate's grid too, queued behind the comparison's jobs: a checkpoint on RTE, one cell and the report
        RunConfig smoke = RunConfig.load(SMOKE);
        Path model = tmp.resolve("my-electra");
        HfCheckpoint.save(TransformerModel.initialize(TransformerConfig.of(smoke.model(), Architecture.ELECTRA_FOR_PRETRAINING.hfName()),
                Architecture.ELECTRA_FOR_PRETRAINING, 1), model);
        Path evalOut = tmp.resolve("eval-slurm");
        Cli evalSubmitted = cli("evaluate", "--executor", "slurm", "--model", model.toString(), "--tasks", "rte", "--seeds", "1",
                "--config", SMOKE.toString(), "--out", evalOut.toString(), "--data-dir", data.toString());
        assertEquals(0, evalSubmitted.exit(), evalSubmitted.err());
        assertEquals(2, evalSubmitted.out().lines().filter(l -> l.startsWith("submitted ")).count(), evalSubmitted.out());

        // kill the ELECTRA cell while it runs
        String victim = "cell:electra:1.0000:conll2003:1";
        Map<String, SlurmGrid.UnitStatus> s = await(slurmOut, m -> m.get(victim).standing() != SlurmGrid.Standing.QUEUED);
        assertEquals(SlurmGrid.Standing.RUNNING, s.get(victim).standing(), SlurmGrid.render(slurmOut, new ArrayList<>(s.values())));
        Thread.sleep(1500); // inside its JVM by now
        Process scancel = new ProcessBuilder("scancel", s.get(victim).job()).inheritIO().start();
        assertEquals(0, scancel.waitFor());
        // the local executor meanwhile, as the other cells run (the cluster's jobs and this share the 2 cores; results do not depend on it)
        CompareConfig cc = CompareConfig.load(CONFIG);
        List<ResultRow> local = new EfficiencyComparison(cc, CONFIG, tmp.resolve("local"), data,
                new TaskFineTuning(false, cc.maxEvalExamples()), null).run();

        s = await(slurmOut, m -> m.get(victim).standing() == SlurmGrid.Standing.FAILED
                && m.get("report").standing() == SlurmGrid.Standing.BLOCKED && settled(m));
        assertEquals("CANCELLED", s.get(victim).state());
        assertFalse(Files.exists(slurmOut.resolve("finetune/electra/f1.0000/conll2003/seed-1").resolve(FineTuningGrid.LEDGER)));
        for (String done : List.of("pretrain:electra", "cell:none:0.0000:conll2003:1")) {
            assertEquals(SlurmGrid.Standing.DONE, s.get(done).standing(), done);
        }
        Cli st = cli("compare", "--status", slurmOut.toString());
        assertEquals(0, st.exit(), st.err());
        assertTrue(st.out().contains("4 units: 2 done, 0 running, 0 queued, 1 blocked, 1 failed, 0 not submitted"), st.out());
        assertTrue(st.out().lines().anyMatch(l -> l.startsWith("failed") && l.contains(victim) && l.contains("log " + slurmOut)), st.out());

        // --resume submits the killed cell and the report (which waited on it), nothing else
        Cli resumed = cli("compare", "--executor", "slurm", "--resume", "--config", CONFIG.toString(), "--out", slurmOut.toString(),
                "--data-dir", data.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(List.of(victim, "report"), resumed.out().lines().filter(l -> l.startsWith("submitted "))
                .map(l -> l.substring("submitted ".length(), l.indexOf(" -> "))).toList(), resumed.out());
        // done by its ledger, and finished by Slurm's record (a job's JVM may still be exiting after its ledger is written)
        s = await(slurmOut, m -> m.values().stream().allMatch(u -> u.standing() == SlurmGrid.Standing.DONE
                && !List.of("PENDING", "RUNNING", "COMPLETING").contains(u.state())));
        // every latest job completed, by Slurm's own record (scontrol; sacct where accounting is configured)
        Map<String, SlurmCli.JobState> states = new SlurmCli().states(s.values().stream().map(SlurmGrid.UnitStatus::job).toList());
        states.values().forEach(j -> assertEquals("COMPLETED", j.state(), j.toString()));

        // the same values as the local executor's summary.csv
        List<String> slurmRows = SummaryCsv.read(slurmOut.resolve("summary.csv")).stream().map(SlurmExecutorTest::values).sorted().toList();
        List<String> localRows = SummaryCsv.read(tmp.resolve("local/summary.csv")).stream().map(SlurmExecutorTest::values).sorted().toList();
        assertEquals(local.size(), localRows.size());
        assertEquals(localRows, slurmRows);
        for (String f : List.of("leaderboard.md", "comparisons.csv", "report.html", "efficiency-conll2003.png")) {
            assertTrue(Files.size(slurmOut.resolve(f)) > 0, f);
        }
        await(evalOut, m -> m.values().stream().allMatch(u -> u.standing() == SlurmGrid.Standing.DONE));
        Cli evalLocal = cli("evaluate", "--model", model.toString(), "--tasks", "rte", "--seeds", "1", "--config", SMOKE.toString(),
                "--out", tmp.resolve("eval-local").toString(), "--data-dir", data.toString());
        assertEquals(0, evalLocal.exit(), evalLocal.err());
        List<String> evalRows = SummaryCsv.read(evalOut.resolve("summary.csv")).stream().map(SlurmExecutorTest::values).sorted().toList();
        assertFalse(evalRows.isEmpty());
        assertEquals(SummaryCsv.read(tmp.resolve("eval-local/summary.csv")).stream().map(SlurmExecutorTest::values).sorted().toList(), evalRows);

        Cli nothing = cli("compare", "--executor", "slurm", "--resume", "--config", CONFIG.toString(), "--out", slurmOut.toString(),
                "--data-dir", data.toString());
        assertTrue(nothing.out().contains("0 job(s) submitted, 0 already queued or running, 4 unit(s) done"), nothing.out() + nothing.err());
    }

    @Test
    void cancelStopsEveryJobOfTheRun(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        // a thousand times compare-slurm's budget: the pre-training job is still running when the cancel arrives,
        // however fast or slow the machine (at compare-slurm's own budget it can finish first on a quiet one)
        Path config = tmp.resolve("compare.yaml");
        Files.writeString(config, Files.readString(CONFIG).replace("run: smoke.yaml", "run: " + ROOT.resolve("configs/smoke.yaml"))
                .replace("budget_flops: 9.0e10", "budget_flops: 9.0e13"));
        assertTrue(Files.readString(config).contains("budget_flops: 9.0e13"), "the larger budget is in the config");
        Cli submitted = cli("compare", "--executor", "slurm", "--config", config.toString(), "--out", out.toString(),
                "--data-dir", DataDir.resolve().toString());
        assertEquals(0, submitted.exit(), submitted.err());
        Cli cancelled = cli("compare", "--cancel", out.toString());
        assertEquals(0, cancelled.exit(), cancelled.err());
        assertTrue(cancelled.out().contains("cancelled 4 queued or running job(s)"), cancelled.out());
        Map<String, SlurmGrid.UnitStatus> s = await(out, SlurmExecutorTest::settled);
        for (SlurmGrid.UnitStatus u : s.values()) {
            if (u.name().startsWith("cell:none:") && u.standing() == SlurmGrid.Standing.DONE) {
                continue; // the control's cell waits on nothing: on a loaded machine it can finish before the cancel arrives
            }
            assertEquals(SlurmGrid.Standing.FAILED, u.standing(), u.toString());
            assertEquals("CANCELLED", u.state(), u.toString());
        }
        Cli again = cli("compare", "--cancel", out.toString());
        assertTrue(again.out().contains("cancelled 0 queued or running job(s)"), again.out());
    }

    @Test
    void settingsTheClusterRefusesAreOneLineAndWriteNothing(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        Cli partition = cli("compare", "--executor", "slurm", "--partition", "nosuch", "--config", CONFIG.toString(), "--out", out.toString());
        assertEquals(2, partition.exit());
        assertEquals(1, partition.err().strip().lines().count(), partition.err());
        assertTrue(partition.err().startsWith("electra-bench: error: slurm.partition: unknown partition 'nosuch'; the cluster has: "),
                partition.err());
        assertFalse(Files.exists(out), "nothing written for a refused setting");

        Path config = tmp.resolve("compare.yaml");
        Files.writeString(config, Files.readString(CONFIG).replace("run: smoke.yaml", "run: " + ROOT.resolve("configs/smoke.yaml"))
                + "slurm:\n  finetune: {time: '10:00', cpus: 1, mem: 9999999G}\n");
        Cli mem = cli("compare", "--executor", "slurm", "--config", config.toString(), "--out", out.toString());
        assertEquals(2, mem.exit());
        assertEquals(1, mem.err().strip().lines().count(), mem.err());
        assertTrue(mem.err().startsWith("electra-bench: error: slurm.finetune (and the keys of every job): sbatch refuses the job: "), mem.err());
        assertFalse(Files.exists(out), "nothing written for a refused setting");

        Files.writeString(config, Files.readString(config).replace("cpus: 1", "cpu: 1"));
        Cli key = cli("compare", "--executor", "slurm", "--config", config.toString(), "--out", out.toString());
        assertEquals(2, key.exit());
        assertTrue(key.err().contains("unknown key slurm.finetune.cpu (did you mean slurm.finetune.cpus?)"), key.err());

        // no Slurm client on PATH: a real process without one
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp", System.getProperty("java.class.path"),
                ElectraBench.class.getName(), "compare", "--executor", "slurm", "--config", CONFIG.toString(), "--out", out.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", tmp.resolve("empty-path").toString());
        pb.environment().put("ELECTRA_BENCH_NO_RELAUNCH", "1");
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(2, p.waitFor());
        assertEquals("electra-bench: error: sinfo not found on PATH: --executor slurm needs the Slurm client commands "
                + "(sbatch, squeue, scontrol, scancel) of the cluster", text);
        assertFalse(Files.exists(out));
    }
}
