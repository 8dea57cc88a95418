package dev.electrabench.core.train;

import dev.electrabench.core.model.Parameters;
import dev.electrabench.core.optim.AdamW;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One optimizer step on a SameDiff graph, shared by pre-training and fine-tuning. The gradient function
 * is created once; each step runs its "grad" function (array reuse on — {@code calculateGradients}
 * turns it off and pages in ~1.7 GB per step) and hands the gradients to our AdamW, because SameDiff's
 * {@code fit()} has one updater, no clipping and no weight-decay exclusions.
 */
public final class GraphTrainer {
    private final SameDiff sd;
    private final String lossName;
    private final AdamW optimizer;
    private final Map<String, String> gradientNames = new LinkedHashMap<>();

    /** Result of one step: the loss, the global gradient norm before clipping, and requested scalars. */
    public record StepResult(double loss, double gradNorm, Map<String, Double> scalars) {}

    public GraphTrainer(SameDiff sd, String lossName, Parameters parameters, AdamW optimizer) {
        this.sd = sd;
        this.lossName = lossName;
        this.optimizer = optimizer;
        sd.setLossVariables(lossName);
        createGradFunctionQuietly(sd);
        for (String name : parameters.asMap().keySet()) {
            if (!sd.hasVariable(name)) {
                continue; // a parameter this graph does not use (e.g. an unused head)
            }
            SDVariable grad = sd.getVariable(name).gradient();
            if (grad == null) {
                throw new IllegalStateException("no gradient for " + name + ": it does not reach the loss");
            }
            gradientNames.put(name, grad.name());
            if (!optimizer.parameterNames().contains(name)) {
                optimizer.register(name, parameters.get(name));
            }
        }
    }

    /**
     * M2.1 prints one "Added differentiated op" line per op to stdout while it builds the gradient
     * function (hundreds of lines, and stdout is where our commands write JSON): swallow them.
     */
    static synchronized void createGradFunctionQuietly(SameDiff sd) {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(out);
        }
    }

    public AdamW optimizer() {
        return optimizer;
    }

    /**
     * Forward + backward + update. Throws {@link NonFiniteException} (and leaves the weights untouched)
     * when the loss or a gradient is NaN/Inf.
     */
    public StepResult step(Map<String, INDArray> feed, double learningRate, List<String> scalarOutputs) {
        List<String> outputs = new ArrayList<>(gradientNames.values());
        outputs.add(lossName);
        outputs.addAll(scalarOutputs);
        Map<String, INDArray> out = sd.getFunction("grad").output(feed, outputs);
        double loss = out.get(lossName).getDouble(0);
        if (!Double.isFinite(loss)) {
            GraphMemory.free(out.values());
            throw new NonFiniteException("loss is " + loss);
        }
        Map<String, INDArray> grads = new HashMap<>();
        for (Map.Entry<String, String> e : gradientNames.entrySet()) {
            grads.put(e.getKey(), out.get(e.getValue()));
        }
        double norm;
        try {
            norm = optimizer.step(grads, learningRate);
        } catch (IllegalStateException e) {
            throw new NonFiniteException(e.getMessage());
        }
        Map<String, Double> scalars = new LinkedHashMap<>();
        for (String s : scalarOutputs) {
            scalars.put(s, out.get(s).getDouble(0));
        }
        GraphMemory.free(out.values());
        return new StepResult(loss, norm, scalars);
    }

    /** Forward only (no update), for evaluation on the training graph's inputs. */
    public Map<String, INDArray> evaluate(Map<String, INDArray> feed, List<String> outputs) {
        return sd.output(feed, outputs);
    }

    /** Raised when training diverges. */
    public static final class NonFiniteException extends RuntimeException {
        public NonFiniteException(String message) {
            super(message);
        }
    }
}
