package dev.electrabench.tasks.features;

/**
 * A GLUE row: the model input and its target.
 *
 * @param input the encoded sentence or pair
 * @param label index of the gold class in {@code GlueTask.labels()}, -1 for regression and unlabelled rows
 * @param score STS-B gold similarity in [0, 5]; NaN for classification and unlabelled rows
 * @param swapped whether this is the B/A copy of a training pair ({@code double_unordered})
 */
public record GlueFeature(InputFeature input, int label, double score, boolean swapped) {}
