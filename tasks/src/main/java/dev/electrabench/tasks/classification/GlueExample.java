package dev.electrabench.tasks.classification;

import dev.electrabench.tasks.Example;

/**
 * One GLUE row.
 *
 * @param guid {@code <split>-<index>}, e.g. {@code dev-17} (the BERT/ELECTRA convention); the prediction key
 * @param index 0-based position among the split's data rows (header excluded): the {@code index} column of
 *     prediction and submission files
 * @param textA first sentence
 * @param textB second sentence, or null for single-sentence tasks (CoLA, SST-2)
 * @param label gold class label as in the file (e.g. {@code 1}, {@code entailment}); null for STS-B and on test
 * @param score STS-B gold similarity in [0, 5]; null for classification tasks and on test
 */
public record GlueExample(String guid, int index, String textA, String textB, String label, Double score)
        implements Example {

    public GlueExample {
        if (label != null && score != null) {
            throw new IllegalArgumentException("an example has a class label or a score, not both");
        }
    }

    @Override
    public String id() {
        return guid;
    }

    /** Whether the row carries gold (train and dev do, GLUE test does not). */
    public boolean isLabeled() {
        return label != null || score != null;
    }
}
