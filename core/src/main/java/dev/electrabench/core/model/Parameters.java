package dev.electrabench.core.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model's weights by HF name. The arrays are shared by every SameDiff graph built from them
 * (training and inference), so an optimizer update is seen everywhere without copying.
 */
public final class Parameters {
    private final Map<String, INDArray> arrays = new LinkedHashMap<>();

    public INDArray get(String name) {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return a;
    }

    public boolean contains(String name) {
        return arrays.containsKey(name);
    }

    public void put(String name, INDArray array) {
        arrays.put(name, array);
    }

    public Map<String, INDArray> asMap() {
        return arrays;
    }

    public long count() {
        long n = 0;
        for (INDArray a : arrays.values()) {
            n += a.length();
        }
        return n;
    }

    /** Copies values into our arrays in place (graphs keep seeing the same arrays). */
    public void assignFrom(Map<String, INDArray> values) {
        // every name and shape first: ND4J's assign of mismatched shapes can crash the JVM (SIGSEGV)
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            INDArray v = values.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("no value for parameter " + e.getKey());
            }
            if (!Arrays.equals(v.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " has shape " + Arrays.toString(v.shape())
                        + " where the model has " + Arrays.toString(e.getValue().shape()));
            }
        }
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            e.getValue().assign(values.get(e.getKey()));
        }
    }

    /** Parameters whose name starts with {@code prefix}, renamed without it (arrays shared). */
    public Parameters withoutPrefix(String prefix) {
        Parameters p = new Parameters();
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                p.put(e.getKey().substring(prefix.length()), e.getValue());
            }
        }
        return p;
    }

    /** The graph variable for {@code name}, created on first use and backed by our array. */
    public SDVariable var(SameDiff sd, String name) {
        if (sd.hasVariable(name)) {
            return sd.getVariable(name);
        }
        return sd.var(name, get(name));
    }

    /**
     * Fresh weights as HF initialises them, reproducible from {@code seed}: the draws for a tensor
     * depend only on (seed, name), so adding a head does not change the backbone's initial weights.
     */
    public static Parameters initialize(Collection<ParamSpec> specs, double initializerRange, long seed, DataType dtype) {
        Parameters p = new Parameters();
        for (ParamSpec spec : specs) {
            long n = 1;
            for (long d : spec.shape()) {
                n *= d;
            }
            double[] values = new double[(int) n];
            switch (spec.init()) {
                case ONES -> java.util.Arrays.fill(values, 1.0);
                case ZEROS -> { }
                case NORMAL, NORMAL_PAD_ROW_ZERO -> {
                    Random rng = new Random(seed * 0x9E3779B97F4A7C15L ^ spec.name().hashCode());
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rng.nextGaussian() * initializerRange;
                    }
                    if (spec.init() == ParamSpec.Init.NORMAL_PAD_ROW_ZERO) {
                        long width = spec.shape()[1];
                        java.util.Arrays.fill(values, 0, (int) width, 0.0); // [PAD] row, as HF padding_idx
                    }
                }
            }
            p.put(spec.name(), Nd4j.create(values, spec.shape(), dtype));
        }
        return p;
    }
}
