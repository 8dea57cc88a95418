package dev.electrabench.tasks.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.tasks.Split;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GLUE scorers on the real dev sets; expected values from the label counts in SOURCES.md. */
class GlueScorerTest {
    private static final Path DATA = DataDir.resolve();

    private static Map<String, String> constant(List<GlueExample> examples, String label) {
        Map<String, String> p = new HashMap<>();
        examples.forEach(e -> p.put(e.guid(), label));
        return p;
    }

    private static Map<String, String> gold(List<GlueExample> examples) {
        Map<String, String> p = new HashMap<>();
        examples.forEach(e -> p.put(e.guid(), e.label() != null ? e.label() : Double.toString(e.score())));
        return p;
    }

    @Test
    void perfectPredictionsScore100OnEveryMetric() {
        for (GlueTask task : List.of(GlueTasks.COLA, GlueTasks.SST2, GlueTasks.MRPC, GlueTasks.STSB, GlueTasks.RTE,
                GlueTasks.WNLI, GlueTasks.QNLI)) {
            List<GlueExample> dev = task.examples(DATA, Split.DEV);
            Map<String, Double> scores = task.scorer().score(dev, gold(dev));
            assertEquals(task.metrics(), List.copyOf(scores.keySet()), task.name());
            scores.forEach((metric, value) -> assertEquals(100.0, value, 1e-9, task.name() + " " + metric));
        }
    }

    @Test
    void majorityClassGivesMajorityRate() {
        // SST-2 dev: 444 of 872 are "1"
        List<GlueExample> sst = GlueTasks.SST2.examples(DATA, Split.DEV);
        assertEquals(100.0 * 444 / 872, GlueTasks.SST2.scorer().score(sst, constant(sst, "1")).get("accuracy"), 1e-9);
        // MRPC dev: 279 positives of 408; all "1" -> TP 279, FP 129, FN 0 -> F1 = 558 / 687
        List<GlueExample> mrpc = GlueTasks.MRPC.examples(DATA, Split.DEV);
        Map<String, Double> m = GlueTasks.MRPC.scorer().score(mrpc, constant(mrpc, "1"));
        assertEquals(100.0 * 279 / 408, m.get("accuracy"), 1e-9);
        assertEquals(100.0 * 558 / 687, m.get("f1"), 1e-9);
        // CoLA: a constant prediction has MCC 0
        List<GlueExample> cola = GlueTasks.COLA.examples(DATA, Split.DEV);
        assertEquals(0.0, GlueTasks.COLA.scorer().score(cola, constant(cola, "1")).get("mcc"), 0.0);
    }

    @Test
    void missingPredictionsCountAsWrong() {
        // RTE dev: predict only the 146 "entailment" rows, correctly -> 146 / 277
        List<GlueExample> rte = GlueTasks.RTE.examples(DATA, Split.DEV);
        Map<String, String> partial = new HashMap<>();
        rte.stream().filter(e -> e.label().equals("entailment")).forEach(e -> partial.put(e.guid(), "entailment"));
        assertEquals(100.0 * 146 / 277, GlueTasks.RTE.scorer().score(rte, partial).get("accuracy"), 1e-9);
    }

    @Test
    void stsbNeedsEveryRowAndNumbers() {
        List<GlueExample> sts = GlueTasks.STSB.examples(DATA, Split.DEV);
        Map<String, String> p = gold(sts);
        p.remove(sts.get(3).guid());
        assertThrows(IllegalArgumentException.class, () -> GlueTasks.STSB.scorer().score(sts, p));
        p.put(sts.get(3).guid(), "high");
        assertThrows(IllegalArgumentException.class, () -> GlueTasks.STSB.scorer().score(sts, p));
    }

    @Test
    void primaryMetricsFollowTheElectraPaper() {
        assertEquals("mcc", GlueTasks.COLA.primaryMetric());
        assertEquals("spearman", GlueTasks.STSB.primaryMetric());
        assertEquals("accuracy", GlueTasks.MRPC.primaryMetric());
        assertEquals("accuracy", GlueTasks.QQP.primaryMetric());
        assertEquals("accuracy", GlueTasks.MNLI_MATCHED.primaryMetric());
        assertEquals(List.of("f1", "accuracy"), GlueTasks.MRPC.leaderboardMetrics());
        assertEquals(List.of("pearson", "spearman"), GlueTasks.STSB.leaderboardMetrics());
        assertEquals(List.of("mcc"), GlueTasks.AX.leaderboardMetrics());
    }
}
