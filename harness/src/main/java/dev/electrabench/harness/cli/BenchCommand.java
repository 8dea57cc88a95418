package dev.electrabench.harness.cli;

import dev.electrabench.core.UserException;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.core.math.ArrayMath;
import dev.electrabench.core.runtime.Backend;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.core.runtime.Sgemm;
import dev.electrabench.harness.bench.TrainingStepRig;
import dev.electrabench.harness.build.Version;
import dev.electrabench.results.leaderboard.SeedStats;
import dev.electrabench.tasks.finetune.FineTuningStepRig;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code electra-bench bench}: times N optimizer steps after warm-up and writes one CSV row. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace)", "2:bad input or usage: one line naming the file (and line) and the problem"},
        description = "Time N pre-training steps (after warm-up) on real batches: tokens/s, FLOP/s (both conventions), "
                + "peak RSS and the sgemm ceiling measured in the same process. With --task: N fine-tuning steps of the "
                + "model folder --model on that task's rows, and its evaluation pass: train and eval examples/s, peak RSS.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--config", description = "Run config YAML (e.g. configs/bench-small.yaml); required for pre-training, "
            + "fine-tuning defaults to ELECTRA's settings.") Path config;
    @Option(names = {"--objective", "--model"}, required = true, description = "What to time: electra or bert (--model is the "
            + "old name); with --task, the HF model folder to fine-tune.") String model;
    @Option(names = "--task", description = "Time fine-tuning on this task (e.g. sst2) instead of pre-training.") String task;
    @Option(names = "--rows", defaultValue = "640", description = "With --task: training rows to cycle through and dev rows "
            + "to evaluate.") int rows;
    @Option(names = "--padding", description = "With --task: longest or max_length (default: the config's finetune.padding).")
    String padding;
    @Option(names = "--steps", defaultValue = "10", description = "Timed steps.") int steps;
    @Option(names = "--warmup", defaultValue = "3", description = "Untimed warm-up steps before them.") int warmup;
    @Option(names = "--out", required = true, description = "CSV file to write") Path out;
    @Option(names = "--data-dir", description = "Data directory (default: env ELECTRA_BENCH_DATA or ../shared/data).") Path dataDir;

    static final String HEADER = "model,config,config_sha256,batch_tokens,steps,median_step_s,mean_step_s,tokens_per_s,"
            + "flops_per_s_paper,flops_per_s_3x,sgemm_gflops,mfu_3x,peak_rss_mb,backend,device,electra_bench_version,"
            + "mmul_gflops,simd,matmul_flops_per_s,mfu";

    static final String FINETUNE_HEADER = "task,model,config_sha256,path,padding,batch,max_seq_length,steps,median_step_s,"
            + "train_examples_per_s,eval_examples_per_s,peak_rss_mb,backend,device,electra_bench_version,simd";

    @Override
    public Integer call() throws IOException {
        if (task != null) {
            return fineTuning();
        }
        if (config == null) {
            throw new UserException("bench needs --config for pre-training (or --task to time fine-tuning)");
        }
        RunConfig cfg = RunConfig.load(config);
        TrainingStepRig rig = new TrainingStepRig(cfg, model, DataDir.resolve(dataDir), Math.max(1, Math.min(steps, 8)));
        double[] t = stepSeconds(rig::step);
        double mean = Arrays.stream(t).average().orElse(Double.NaN);
        double median = SeedStats.of(t).median();
        // the ceiling of the path the engine's GEMMs take, and ND4J's mmul (SameDiff's path) for reference
        double sgemm = Sgemm.measureGflops(1024, Sgemm.engineRoute());
        double mmul = Sgemm.measureGflops(1024, Sgemm.Route.ND4J_MMUL);
        var backend = Backend.describe();
        double flops3x = rig.flopsPerStep3x() / median;
        double matmul = rig.matmulFlopsPerStep() / median;
        List<String> row = List.of(model, config.toString(), cfg.sha256(), Long.toString(rig.tokensPerStep()),
                Integer.toString(steps), fmt(median), fmt(mean), fmt(rig.tokensPerStep() / median),
                fmt(rig.flopsPerStep() / median), fmt(flops3x), fmt(sgemm), fmt(flops3x / (sgemm * 1e9)),
                fmt(peakRssMb()), text(backend.backend()), text(backend.device()), Version.current(), fmt(mmul),
                text(ArrayMath.INSTANCE.describe()), fmt(matmul), fmt(matmul / (sgemm * 1e9)));
        writeCsv(out, HEADER, row);
        System.out.printf(Locale.ROOT, "%s: %.3f s/step, %.0f tokens/s, %.2f GFLOP/s (paper), %.2f GFLOP/s (3x fwd), "
                        + "%.2f GFLOP/s matmul, sgemm %.1f GFLOP/s (mmul %.1f), MFU %.2f, peak RSS %.0f MB, %s loops%n", model,
                median, rig.tokensPerStep() / median, rig.flopsPerStep() / median / 1e9, flops3x / 1e9, matmul / 1e9, sgemm,
                mmul, matmul / (sgemm * 1e9), peakRssMb(), ArrayMath.INSTANCE.describe());
        return 0;
    }

    /** Fine-tuning steps and the evaluation pass of model folder {@code model} on {@code task}. */
    private int fineTuning() throws IOException {
        RunConfig cfg = config != null ? RunConfig.load(config) : RunConfig.defaults();
        if (padding != null) {
            cfg = cfg.withFinetune(cfg.finetune().withPadding(padding));
        }
        double[] t;
        double evalSeconds = Double.POSITIVE_INFINITY;
        int batch;
        int evaluated = 0;
        String path;
        String pad;
        try (FineTuningStepRig rig = new FineTuningStepRig(Path.of(model), task, cfg, dataDir, cfg.seed(), rows)) {
            batch = rig.batchSize();
            path = rig.path();
            pad = rig.padding();
            t = stepSeconds(rig::step);
            rig.evaluate(); // warm-up of the evaluation shapes
            for (int i = 0; i < 2; i++) { // the faster of two passes
                long t0 = System.nanoTime();
                evaluated = rig.evaluate();
                evalSeconds = Math.min(evalSeconds, (System.nanoTime() - t0) / 1e9);
            }
        }
        double median = SeedStats.of(t).median();
        var backend = Backend.describe();
        List<String> row = List.of(task, model, cfg.sha256(), path, pad, Integer.toString(batch),
                Integer.toString(cfg.finetune().maxSeqLength()), Integer.toString(steps), fmt(median), fmt(batch / median),
                fmt(evaluated / evalSeconds), fmt(peakRssMb()), text(backend.backend()), text(backend.device()), Version.current(),
                text(ArrayMath.INSTANCE.describe()));
        writeCsv(out, FINETUNE_HEADER, row);
        System.out.printf(Locale.ROOT, "%s fine-tuning on the %s (padding %s): %.3f s/step, %.1f train examples/s, "
                        + "%.1f eval examples/s, peak RSS %.0f MB%n", task, path, pad, median, batch / median,
                evaluated / evalSeconds, peakRssMb());
        return 0;
    }

    /** Seconds of each of {@code --steps} calls of {@code step} after {@code --warmup} untimed ones. */
    private double[] stepSeconds(Runnable step) {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        double[] t = new double[steps];
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            step.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
            System.err.printf(Locale.ROOT, "step %d/%d: %.3f s%n", i + 1, steps, t[i]);
        }
        return t;
    }

    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Double.NaN;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** Header and one row through commons-csv (paths and device names may hold commas or quotes), atomically. */
    static void writeCsv(Path file, String header, List<String> row) {
        AtomicFiles.write(file, o -> {
            CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(o, StandardCharsets.UTF_8),
                    CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
            csv.printRecord(List.of(header.split(",")));
            csv.printRecord(row);
            csv.flush();
        });
    }
}
