package dev.electrabench.harness.bench;

import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.core.runtime.Sgemm;
import java.nio.file.Path;
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
 * One optimizer step (forward + backward + AdamW) of ELECTRA and BERT at {@code configs/tiny.yaml} and
 * {@code configs/bench-small.yaml} (4 layers, 256 hidden, e128, seq 128, batch 32). Seconds per step; the
 * tear-down prints tokens/s, FLOP/s in both conventions and the ratio to a 1024³ sgemm measured in the
 * same run. Run: {@code java -cp harness/target/electra-bench.jar org.openjdk.jmh.Main PretrainStepBenchmark}.
 */
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"}) // the engine's SIMD loops (core ArrayMath)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PretrainStepBenchmark {
    @Param({"configs/tiny.yaml", "configs/bench-small.yaml"})
    public String config;

    @Param({"electra", "bert"})
    public String model;

    private TrainingStepRig rig;
    private long steps;
    private long nanos;

    @Setup(Level.Trial)
    public void setUp() {
        rig = new TrainingStepRig(RunConfig.load(Path.of(config)), model, DataDir.resolve(), 4);
        rig.step(); // gradient-function warm-up outside the measurement
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
    public void report() {
        double s = nanos / 1e9 / Math.max(1, steps);
        double sgemm = Sgemm.measureGflops(1024, Sgemm.engineRoute()) * 1e9;
        System.out.printf("%n%s %s: %.3f s/step, %.0f tokens/s, %.2f GFLOP/s paper, %.2f GFLOP/s 3x-fwd, "
                        + "sgemm %.1f GFLOP/s, 3x-fwd/sgemm %.2f, MFU (executed matmuls) %.2f%n", model, config, s,
                rig.tokensPerStep() / s, rig.flopsPerStep() / s / 1e9, rig.flopsPerStep3x() / s / 1e9, sgemm / 1e9,
                rig.flopsPerStep3x() / s / sgemm, rig.matmulFlopsPerStep() / s / sgemm);
    }
}
