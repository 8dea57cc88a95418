package dev.electrabench.core.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ELECTRA's {@code AdamWeightDecayOptimizer} with its {@code clip_by_global_norm(1.0)} in front:
 *
 * <pre>
 *   norm   = sqrt(Σ_params ‖g‖²)                      (returned, before clipping)
 *   g      = g · clip / max(norm, clip)               (when clip &gt; 0)
 *   m      = β1·m + (1−β1)·g
 *   v      = β2·v + (1−β2)·g²
 *   update = m / (sqrt(v) + ε)                        (bias correction: m/(1−β1^t), v/(1−β2^t))
 *   update += wd · param                              (unless the name is excluded, see below)
 *   param -= lr · multiplier(param) · update
 * </pre>
 *
 * Parameters are updated in place; m and v live here, one pair per registered parameter, in the
 * parameter's data type (float32 in training). Dense float32 arrays on the CPU backend are updated
 * in one fused pass ({@link AdamWCpuKernel}); anything else by a chain of in-place ND4J ops that
 * uses the gradient array as scratch. Either way a step allocates no array-sized temporaries, and
 * the gradient arrays handed to {@link #step} must be treated as garbage afterwards.
 */
public final class AdamW {
    private static final String M_SUFFIX = "#m";
    private static final String V_SUFFIX = "#v";

    private final AdamWConfig config;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private long stepCount;

    public AdamW(AdamWConfig config) {
        this.config = config;
    }

    public AdamWConfig config() {
        return config;
    }

    /**
     * ELECTRA's exclusion list {@code ["LayerNorm", "layer_norm", "bias"]} applied to HF tensor names:
     * a name containing "LayerNorm" or "layer_norm", or ending in "bias", gets no weight decay.
     */
    public static boolean excludedFromWeightDecay(String name) {
        return name.contains("LayerNorm") || name.contains("layer_norm") || name.endsWith("bias");
    }

    /** Starts tracking {@code param} (updated in place by {@link #step}) with zeroed m and v and LR multiplier 1. */
    public void register(String name, INDArray param) {
        if (slots.containsKey(name)) {
            throw new IllegalArgumentException("parameter registered twice: " + name);
        }
        if (!param.dataType().isFPType()) {
            throw new IllegalArgumentException(name + ": parameter must be floating point, is " + param.dataType());
        }
        INDArray m = Nd4j.create(param.dataType(), param.shape(), param.ordering());
        INDArray v = Nd4j.create(param.dataType(), param.shape(), param.ordering());
        slots.put(name, new Slot(name, param, m, v, !excludedFromWeightDecay(name)));
    }

    /** Scales this parameter's learning rate (layer-wise decay); must be finite and &gt;= 0. */
    public void setLrMultiplier(String name, double multiplier) {
        if (!(multiplier >= 0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException(name + ": LR multiplier must be finite and >= 0: " + multiplier);
        }
        slot(name).lrMultiplier = multiplier;
    }

    public double lrMultiplier(String name) {
        return slot(name).lrMultiplier;
    }

    /** Whether weight decay applies to this parameter (config rate &gt; 0 and not excluded by name). */
    public boolean decays(String name) {
        return slot(name).decayed && config.weightDecay() > 0;
    }

    /** Registered names in registration order. */
    public Set<String> parameterNames() {
        return Collections.unmodifiableSet(slots.keySet());
    }

    /** Updates applied so far (TF's global_step after the update): the schedule's t for the next step. */
    public long stepCount() {
        return stepCount;
    }

    /**
     * One update of every registered parameter that has an entry in {@code gradients} (parameters
     * without one are left alone, m and v included, as TF skips None gradients).
     *
     * @param gradients    gradient per registered name, same shape and type as the parameter; the
     *                     arrays are overwritten (used as scratch)
     * @param learningRate this step's rate before per-parameter multipliers
     * @return the global gradient norm before clipping
     * @throws IllegalStateException    if a gradient norm is not finite (a NaN or infinite value);
     *                                  nothing is modified then: parameters, m, v, the step count
     *                                  and the gradients are as before, so the caller may skip the batch
     * @throws IllegalArgumentException for a gradient whose name is not registered or whose
     *                                  type or shape differs from its parameter
     */
    public double step(Map<String, INDArray> gradients, double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0: " + learningRate);
        }
        List<Slot> active = new ArrayList<>(gradients.size());
        double sumOfSquares = 0;
        for (Slot s : slots.values()) {
            INDArray g = gradients.get(s.name);
            if (g == null) {
                continue;
            }
            if (g.dataType() != s.param.dataType() || !g.equalShapes(s.param)) {
                throw new IllegalArgumentException(s.name + ": gradient " + g.dataType() + Arrays.toString(g.shape())
                        + " does not match parameter " + s.param.dataType() + Arrays.toString(s.param.shape()));
            }
            double squares = AdamWCpuKernel.applies(g) ? AdamWCpuKernel.sumOfSquares(g) : square(g.norm2Number());
            if (!Double.isFinite(squares)) {
                throw new IllegalStateException("non-finite gradient for " + s.name + " (squared norm " + squares
                        + ") at step " + stepCount + "; parameters and optimizer state left unchanged");
            }
            sumOfSquares += squares;
            active.add(s);
        }
        if (active.size() != gradients.size()) {
            for (String name : gradients.keySet()) {
                if (!slots.containsKey(name)) {
                    throw new IllegalArgumentException("gradient for unregistered parameter: " + name);
                }
            }
        }
        double globalNorm = Math.sqrt(sumOfSquares);
        double clip = config.maxGradNorm();
        // clip_by_global_norm: g · clip / max(norm, clip); folded into the moment updates below
        double gradScale = clip > 0 && globalNorm > clip ? clip / globalNorm : 1.0;

        long t = stepCount + 1;
        double c1 = config.biasCorrection() ? 1 - Math.pow(config.beta1(), t) : 1;
        double c2 = config.biasCorrection() ? 1 - Math.pow(config.beta2(), t) : 1;
        // (m/c1) / (sqrt(v/c2) + ε) = (sqrt(c2)/c1) · m / (sqrt(v) + ε·sqrt(c2)): exact, one pass fewer
        double epsilon = config.epsilon() * Math.sqrt(c2);
        double updateScale = Math.sqrt(c2) / c1;
        for (Slot s : active) {
            update(s, gradients.get(s.name), gradScale, epsilon, updateScale, learningRate * s.lrMultiplier);
        }
        stepCount = t;
        return globalNorm;
    }

    private static double square(Number norm) {
        double n = norm.doubleValue();
        return n * n;
    }

    private void update(Slot s, INDArray g, double gradScale, double epsilon, double updateScale, double lr) {
        double weightDecay = s.decayed ? config.weightDecay() : 0.0;
        if (AdamWCpuKernel.applies(s.param, s.m, s.v, g)) {
            AdamWCpuKernel.apply(s.param, s.m, s.v, g, (float) config.beta1(), (float) config.beta2(),
                    (float) gradScale, (float) epsilon, (float) updateScale, (float) weightDecay, (float) lr);
            return;
        }
        double b1 = config.beta1();
        double b2 = config.beta2();
        s.m.muli(b1);
        Nd4j.exec(new Axpy(g, s.m, s.m, (1 - b1) * gradScale)); // m += (1−β1)·(scale·g)
        g.muli(g);
        s.v.muli(b2);
        Nd4j.exec(new Axpy(g, s.v, s.v, (1 - b2) * gradScale * gradScale)); // v += (1−β2)·(scale·g)²
        Nd4j.exec(new Sqrt(s.v, g)); // g is free now: it becomes the update
        g.addi(epsilon).rdivi(s.m);
        if (updateScale != 1.0) {
            g.muli(updateScale);
        }
        if (lr == 0) {
            return; // ELECTRA's first step (warmup factor 0) moves only m and v
        }
        if (weightDecay > 0) {
            Nd4j.exec(new Axpy(s.param, g, g, weightDecay)); // update += wd·param
        }
        Nd4j.exec(new Axpy(g, s.param, s.param, -lr)); // param -= lr·update
    }

    /**
     * The optimizer state as named arrays, {@code <param>#m} and {@code <param>#v}, in registration
     * order. These are the live arrays: save them (or copy them) before the next {@link #step}.
     */
    public Map<String, INDArray> stateArrays() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        for (Slot s : slots.values()) {
            state.put(s.name + M_SUFFIX, s.m);
            state.put(s.name + V_SUFFIX, s.v);
        }
        return state;
    }

    /**
     * Restores m and v (copied into the existing arrays) and the step count saved from
     * {@link #stateArrays()} / {@link #stepCount()}, so the next step equals the one the saved
     * optimizer would have taken. LR multipliers are not state: set them again as before.
     *
     * @throws IllegalArgumentException if an entry is missing, unexpected, or of another shape
     */
    public void restoreState(Map<String, INDArray> state, long savedStepCount) {
        if (savedStepCount < 0) {
            throw new IllegalArgumentException("step count must be >= 0: " + savedStepCount);
        }
        Set<String> unexpected = new LinkedHashSet<>(state.keySet());
        for (Slot s : slots.values()) {
            for (String key : List.of(s.name + M_SUFFIX, s.name + V_SUFFIX)) {
                INDArray saved = state.get(key);
                if (saved == null) {
                    throw new IllegalArgumentException("optimizer state has no entry " + key);
                }
                if (!saved.equalShapes(s.param)) {
                    throw new IllegalArgumentException("optimizer state " + key + " has shape "
                            + Arrays.toString(saved.shape()) + ", parameter has "
                            + Arrays.toString(s.param.shape()));
                }
                unexpected.remove(key);
            }
        }
        if (!unexpected.isEmpty()) {
            throw new IllegalArgumentException("optimizer state for unregistered parameters: " + unexpected);
        }
        for (Slot s : slots.values()) {
            s.m.assign(state.get(s.name + M_SUFFIX));
            s.v.assign(state.get(s.name + V_SUFFIX));
        }
        stepCount = savedStepCount;
    }

    private Slot slot(String name) {
        Slot s = slots.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unregistered parameter: " + name);
        }
        return s;
    }

    private static final class Slot {
        final String name;
        final INDArray param;
        final INDArray m;
        final INDArray v;
        final boolean decayed;
        double lrMultiplier = 1.0;

        Slot(String name, INDArray param, INDArray m, INDArray v, boolean decayed) {
            this.name = name;
            this.param = param;
            this.m = m;
            this.v = v;
            this.decayed = decayed;
        }
    }
}
