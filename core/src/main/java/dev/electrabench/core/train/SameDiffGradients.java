package dev.electrabench.core.train;

import dev.electrabench.core.model.Parameters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loss and gradients from a SameDiff graph. The gradient function is created once; each step runs its
 * "grad" function (array reuse on — {@code calculateGradients} turns it off and pages in ~1.7 GB per step).
 */
public final class SameDiffGradients implements LossAndGradients<Map<String, INDArray>> {
    private final SameDiff sd;
    private final String lossName;
    private final List<String> metricNames;
    private final Map<String, String> gradientNames = new LinkedHashMap<>();
    private Collection<INDArray> previousOutputs = List.of();

    /**
     * @param metricNames scalar graph outputs returned as metrics by every step (names the graph lacks are skipped)
     */
    public SameDiffGradients(SameDiff sd, String lossName, Parameters parameters, List<String> metricNames) {
        this.sd = sd;
        this.lossName = lossName;
        this.metricNames = metricNames.stream().filter(sd::hasVariable).toList(); // the rest: not in this graph
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

    @Override
    public List<String> parameterNames() {
        return List.copyOf(gradientNames.keySet());
    }

    /** The graph's random ops (dropout, sampling) draw from ND4J's global RNG, seeded here. */
    @Override
    public Result compute(Map<String, INDArray> feed, long stepSeed) {
        // the last step's gradients are fresh native arrays the optimizer is done with: free them now, or
        // they pile up by gigabytes before the GC (their Java wrappers are too small to trigger one) runs
        GraphMemory.free(previousOutputs);
        Nd4j.getRandom().setSeed(stepSeed);
        List<String> outputs = new ArrayList<>(gradientNames.values());
        outputs.add(lossName);
        outputs.addAll(metricNames);
        Map<String, INDArray> out = sd.getFunction("grad").output(feed, outputs);
        Map<String, INDArray> grads = new HashMap<>();
        for (Map.Entry<String, String> e : gradientNames.entrySet()) {
            grads.put(e.getKey(), out.get(e.getValue()));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String s : metricNames) {
            metrics.put(s, out.get(s).getDouble(0));
        }
        previousOutputs = out.values();
        return new Result(out.get(lossName).getDouble(0), grads, metrics);
    }

    @Override
    public void close() {
        GraphMemory.free(previousOutputs);
        previousOutputs = List.of();
        GraphMemory.release(sd);
    }
}
