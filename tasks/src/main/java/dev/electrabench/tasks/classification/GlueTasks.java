package dev.electrabench.tasks.classification;

import static dev.electrabench.tasks.classification.TsvLayout.NONE;

import dev.electrabench.tasks.Split;
import java.util.List;
import java.util.Map;

/**
 * The GLUE tasks with the layouts of GLUE's official TSVs (column indices as in google-research/electra's
 * {@code classification_tasks.py}), their label sets and metric conventions: ELECTRA paper (CoLA MCC,
 * STS-B Spearman, accuracy elsewhere incl. MRPC and QQP, MNLI = matched) and GLUE leaderboard (MRPC/QQP
 * F1 and accuracy, STS-B Pearson and Spearman, AX MCC).
 */
public final class GlueTasks {
    private GlueTasks() {}

    private static final List<String> BINARY = List.of("0", "1");
    private static final List<String> NLI3 = List.of("contradiction", "entailment", "neutral");
    private static final List<String> NLI2 = List.of("entailment", "not_entailment");
    private static final List<String> ACCURACY = List.of("accuracy");
    private static final List<String> ACCURACY_F1 = List.of("accuracy", "f1");
    private static final List<String> MCC = List.of("mcc");

    private static final Map<Split, List<String>> STANDARD_FILES = Map.of(
            Split.TRAIN, List.of("train.tsv"), Split.DEV, List.of("dev.tsv"), Split.TEST, List.of("test.tsv"));

    /** index, sentence1, sentence2, label (RTE, QNLI, WNLI); test without label. */
    private static final Map<Split, TsvLayout> PAIR_WITH_INDEX = layouts(
            new TsvLayout(true, 4, 1, 2, 3), new TsvLayout(true, 3, 1, 2, NONE));

    public static final GlueTask COLA = new GlueTask("cola", "CoLA", List.of("CoLA"), STANDARD_FILES,
            // train/dev: source, label, original label, sentence; no header. test: index, sentence.
            layouts(new TsvLayout(false, 4, 3, NONE, 1), new TsvLayout(true, 2, 1, NONE, NONE)),
            BINARY, null, MCC, "mcc", MCC);

    public static final GlueTask SST2 = new GlueTask("sst2", "SST-2", List.of("SST-2"), STANDARD_FILES,
            layouts(new TsvLayout(true, 2, 0, NONE, 1), new TsvLayout(true, 2, 1, NONE, NONE)),
            BINARY, null, ACCURACY, "accuracy", ACCURACY);

    public static final GlueTask MRPC = new GlueTask("mrpc", "MRPC", List.of("MRPC"), STANDARD_FILES,
            // Quality, #1 ID, #2 ID, #1 String, #2 String; test has index in place of Quality
            layouts(new TsvLayout(true, 5, 3, 4, 0), new TsvLayout(true, 5, 3, 4, NONE)),
            BINARY, "1", ACCURACY_F1, "accuracy", List.of("f1", "accuracy"));

    public static final GlueTask STSB = new GlueTask("stsb", "STS-B", List.of("STS-B"), STANDARD_FILES,
            // index, genre, filename, year, old_index, source1, source2, sentence1, sentence2, score
            layouts(new TsvLayout(true, 10, -3, -2, -1), new TsvLayout(true, 9, -2, -1, NONE)),
            List.of(), null, List.of("pearson", "spearman"), "spearman", List.of("pearson", "spearman"));

    public static final GlueTask QQP = new GlueTask("qqp", "QQP", List.of("QQP"), STANDARD_FILES,
            // id, qid1, qid2, question1, question2, is_duplicate; test: id, question1, question2
            layouts(new TsvLayout(true, 6, 3, 4, 5), new TsvLayout(true, 3, 1, 2, NONE)),
            BINARY, "1", ACCURACY_F1, "accuracy", List.of("f1", "accuracy"));

    // index, promptID, pairID, genre, 4 parse columns, sentence1, sentence2, label1[..label5], gold_label
    private static final Map<Split, TsvLayout> MNLI_LAYOUT = layouts(
            new TsvLayout(true, 11, 8, 9, -1), new TsvLayout(true, 10, 8, 9, NONE));

    public static final GlueTask MNLI_MATCHED = new GlueTask("mnli-m", "MNLI-m", List.of("MNLI"),
            Map.of(Split.TRAIN, List.of("train.tsv"), Split.DEV, List.of("dev_matched.tsv"),
                    Split.TEST, List.of("test_matched.tsv")),
            MNLI_LAYOUT, NLI3, null, ACCURACY, "accuracy", ACCURACY);

    public static final GlueTask MNLI_MISMATCHED = new GlueTask("mnli-mm", "MNLI-mm", List.of("MNLI"),
            Map.of(Split.TRAIN, List.of("train.tsv"), Split.DEV, List.of("dev_mismatched.tsv"),
                    Split.TEST, List.of("test_mismatched.tsv")),
            MNLI_LAYOUT, NLI3, null, ACCURACY, "accuracy", ACCURACY);

    public static final GlueTask QNLI = new GlueTask("qnli", "QNLI", List.of("QNLI"), STANDARD_FILES,
            PAIR_WITH_INDEX, NLI2, null, ACCURACY, "accuracy", ACCURACY);

    public static final GlueTask RTE = new GlueTask("rte", "RTE", List.of("RTE"), STANDARD_FILES,
            PAIR_WITH_INDEX, NLI2, null, ACCURACY, "accuracy", ACCURACY);

    public static final GlueTask WNLI = new GlueTask("wnli", "WNLI", List.of("WNLI"), STANDARD_FILES,
            PAIR_WITH_INDEX, BINARY, null, ACCURACY, "accuracy", ACCURACY);

    /**
     * The diagnostic set, scored with the MNLI model. Test = {@code index, sentence1, sentence2} (official
     * {@code diagnostic/diagnostic.tsv}); the labeled form ({@code index, sentence1, sentence2, label} or the
     * official {@code diagnostic-full.tsv}, premise/hypothesis/label last) is read as DEV. No train split.
     */
    public static final GlueTask AX = new GlueTask("ax", "AX", List.of("AX", "diagnostic"),
            Map.of(Split.DEV, List.of("dev.tsv", "diagnostic-full.tsv"),
                    Split.TEST, List.of("test.tsv", "diagnostic.tsv", "AX.tsv")), // AX.tsv: the GLUE site's download
            layouts(new TsvLayout(true, 4, -3, -2, -1), new TsvLayout(true, 3, 1, 2, NONE)),
            NLI3, null, MCC, "mcc", MCC);

    /**
     * The eight tasks of the ELECTRA paper's GLUE score (the mean of their paper metrics); WNLI is never
     * counted, nor MNLI-mm or AX.
     */
    public static final List<GlueTask> SCORE_TASKS = List.of(COLA, SST2, MRPC, STSB, QQP, MNLI_MATCHED, QNLI, RTE);

    /** All tasks in GLUE's order. */
    public static final List<GlueTask> ALL = List.of(
            COLA, SST2, MRPC, STSB, QQP, MNLI_MATCHED, MNLI_MISMATCHED, QNLI, RTE, WNLI, AX);

    private static Map<Split, TsvLayout> layouts(TsvLayout labeled, TsvLayout test) {
        return Map.of(Split.TRAIN, labeled, Split.DEV, labeled, Split.TEST, test);
    }
}
