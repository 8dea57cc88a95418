package dev.electrabench.core.pretrain.data;

/** Random access to a fixed set of built examples, all of padded length {@link #seqLength()}. */
public interface ExampleStore {
    int size();

    int seqLength();

    PretrainingExample get(int index);
}
