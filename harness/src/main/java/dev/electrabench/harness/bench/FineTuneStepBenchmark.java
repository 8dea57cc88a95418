package dev.electrabench.harness.bench;

import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.tasks.finetune.FineTuningStepRig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One SST-2 fine-tuning step (forward + backward + AdamW, batch 32, max length 128) at the tiny shape
 * (2 layers, 128 hidden) and the ELECTRA-Small shape (12 layers, 256 hidden, embedding 128), random-init, as
 * {@code finetune} sets it up, with each padding. Seconds per step; the tear-down prints examples/s.
 * Run: {@code java -cp harness/target/electra-bench.jar org.openjdk.jmh.Main FineTuneStepBenchmark}.
 */
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"}) // the engine's SIMD loops (core ArrayMath)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FineTuneStepBenchmark {
    @Param({"tiny", "small"})
    public String shape;

    @Param({"max_length", "longest"})
    public String padding;

    private Path folder;
    private FineTuningStepRig rig;
    private long steps;
    private long nanos;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        TransformerConfig c = new TransformerConfig();
        c.vocabSize = 30522;
        c.embeddingSize = 128;
        boolean small = shape.equals("small");
        c.hiddenSize = small ? 256 : 128;
        c.numHiddenLayers = small ? 12 : 2;
        c.numAttentionHeads = small ? 4 : 2;
        c.intermediateSize = 4 * c.hiddenSize;
        c.architectures = List.of(Architecture.ELECTRA_FOR_PRETRAINING.hfName());
        folder = Files.createTempDirectory("electra-bench-jmh");
        HfCheckpoint.save(TransformerModel.initialize(c, Architecture.ELECTRA_FOR_PRETRAINING, 0), folder.resolve("model"));
        RunConfig cfg = RunConfig.defaults();
        cfg = cfg.withFinetune(cfg.finetune().withPadding(padding));
        rig = new FineTuningStepRig(folder.resolve("model"), "sst2", cfg, DataDir.resolve(), cfg.seed(), 640);
        rig.step(); // buffers and first compilation outside the measurement
    }

    @Benchmark
    public double step() {
        long t0 = System.nanoTime();
        double loss = rig.step();
        nanos += System.nanoTime() - t0;
        steps++;
        return loss;
    }

    @TearDown(Level.Trial)
    public void report() throws IOException {
        double s = nanos / 1e9 / Math.max(1, steps);
        System.out.printf("%n%s (%s padding): %.3f s/step, %.1f train examples/s%n", shape, padding, s, rig.batchSize() / s);
        rig.close();
        AtomicFiles.deleteRecursively(folder);
    }
}
