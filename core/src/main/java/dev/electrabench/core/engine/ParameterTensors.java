package dev.electrabench.core.engine;

import dev.electrabench.core.model.Parameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters (wrapped, not copied: optimizer updates are seen directly) and one gradient tensor of
 * the same shape per parameter, by HF name. The gradient arrays are handed to the optimizer, which may
 * use them as scratch; every step rewrites them.
 */
public final class ParameterTensors {
    private final Map<String, FloatTensor> params = new LinkedHashMap<>();
    private final Map<String, FloatTensor> grads = new LinkedHashMap<>();
    private final Map<String, INDArray> gradArrays = new LinkedHashMap<>();

    public ParameterTensors(Parameters parameters) {
        for (Map.Entry<String, INDArray> e : parameters.asMap().entrySet()) {
            params.put(e.getKey(), FloatTensor.wrap(e.getValue()));
            FloatTensor g = FloatTensor.zeros(e.getValue().shape());
            grads.put(e.getKey(), g);
            gradArrays.put(e.getKey(), g.array());
        }
    }

    public FloatTensor param(String name) {
        FloatTensor t = params.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return t;
    }

    public boolean contains(String name) {
        return params.containsKey(name);
    }

    public FloatTensor grad(String name) {
        param(name);
        return grads.get(name);
    }

    public List<String> names() {
        return List.copyOf(params.keySet());
    }

    /** Gradient per parameter name (the live arrays). */
    public Map<String, INDArray> gradients() {
        return gradArrays;
    }
}
