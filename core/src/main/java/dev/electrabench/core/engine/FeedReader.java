package dev.electrabench.core.engine;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Copies placeholder arrays of a feed into preallocated Java arrays (row-major). */
final class FeedReader {
    private FeedReader() {}

    static INDArray require(Map<String, INDArray> feed, String name) {
        INDArray a = feed.get(name);
        if (a == null) {
            throw new IllegalArgumentException("feed has no " + name);
        }
        return a;
    }

    static void ints(Map<String, INDArray> feed, String name, int[] out) {
        INDArray a = require(feed, name);
        checkLength(name, a, out.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = a.getInt(i / (int) a.size(-1), i % (int) a.size(-1));
        }
    }

    static void floats(Map<String, INDArray> feed, String name, float[] out) {
        INDArray a = require(feed, name);
        checkLength(name, a, out.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = a.getFloat(i / (int) a.size(-1), i % (int) a.size(-1));
        }
    }

    private static void checkLength(String name, INDArray a, int expected) {
        if (a.rank() != 2 || a.length() != expected) {
            throw new IllegalArgumentException(name + ": expected " + expected + " values in a [B, ·] array, got "
                    + java.util.Arrays.toString(a.shape()));
        }
    }
}
