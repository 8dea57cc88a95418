package dev.electrabench.results.paired;

import dev.electrabench.results.leaderboard.MetricConventions;
import dev.electrabench.results.leaderboard.MetricLine;
import dev.electrabench.results.leaderboard.TaskMetric;
import dev.electrabench.results.summary.ResultRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every paired comparison a set of measured result rows supports. Pairs: two models at the same checkpoint
 * fraction of the same budget (matched compute), and every pre-trained model against a no-pre-training
 * control (0 FLOPs). Model A is the one met first in the rows (config order: electra, bert, none), the
 * control is always B. Compared: every paper- or leaderboard-convention metric both have (per-entity-type
 * breakdowns are left out), and the GLUE score over the GLUE tasks both have, per seed. Reference rows
 * are ignored: published medians have no seeds to pair.
 */
public final class PairedComparisons {
    private PairedComparisons() {}

    /** A (model, checkpoint fraction) of the run with its rows. */
    private record Arm(String model, double fraction, double flops, List<ResultRow> rows) {
        boolean isControl() {
            return flops == 0;
        }
    }

    public static List<PairedDifference> of(List<ResultRow> rows) {
        Map<String, Arm> arms = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            if (r.isReference() || r.seed().isEmpty()) {
                continue;
            }
            arms.computeIfAbsent(r.model() + "\u0000" + r.checkpointFraction(),
                    k -> new Arm(r.model(), r.checkpointFraction(), r.checkpoint().pretrainFlops(), new ArrayList<>())).rows().add(r);
        }
        List<Arm> list = new ArrayList<>(arms.values());
        List<PairedDifference> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            for (int j = 0; j < list.size(); j++) {
                Arm a = list.get(i);
                Arm b = list.get(j);
                if (a.model().equals(b.model()) || a.isControl()) {
                    continue;
                }
                boolean matched = i < j && !b.isControl() && a.fraction() == b.fraction();
                boolean againstControl = b.isControl();
                if (matched || againstControl) {
                    out.addAll(compare(a, b));
                }
            }
        }
        return out;
    }

    private static List<PairedDifference> compare(Arm a, Arm b) {
        Map<TaskMetric, Map<Long, Double>> va = perSeed(a.rows());
        Map<TaskMetric, Map<Long, Double>> vb = perSeed(b.rows());
        List<PairedDifference> out = new ArrayList<>();
        PairedDifference glue = glue(a, b, va, vb);
        if (glue != null) {
            out.add(glue);
        }
        for (Map.Entry<TaskMetric, Map<Long, Double>> e : va.entrySet()) {
            TaskMetric tm = e.getKey();
            Map<Long, Double> other = vb.get(tm);
            if (other == null || tm.convention() == MetricConventions.Convention.OTHER) {
                continue;
            }
            List<SeedPair> pairs = new ArrayList<>();
            e.getValue().forEach((seed, x) -> {
                if (other.containsKey(seed)) {
                    pairs.add(new SeedPair(seed, x, other.get(seed)));
                }
            });
            if (!pairs.isEmpty()) {
                out.add(difference(a, b, tm.task(), tm.metric(), pairs, MetricConventions.higherIsBetter(tm.metric())));
            }
        }
        return out;
    }

    /** Per seed, the GLUE score of A and of B over the GLUE tasks both have with that seed in every one of them. */
    private static PairedDifference glue(Arm a, Arm b, Map<TaskMetric, Map<Long, Double>> va, Map<TaskMetric, Map<Long, Double>> vb) {
        List<TaskMetric> tasks = new ArrayList<>();
        for (String task : MetricConventions.GLUE_TASKS) {
            TaskMetric tm = new TaskMetric(task, MetricConventions.glueMetric(task));
            if (va.containsKey(tm) && vb.containsKey(tm)) {
                tasks.add(tm);
            }
        }
        if (tasks.isEmpty()) {
            return null;
        }
        Set<Long> seeds = new TreeSet<>(va.get(tasks.get(0)).keySet());
        for (TaskMetric tm : tasks) {
            seeds.retainAll(va.get(tm).keySet());
            seeds.retainAll(vb.get(tm).keySet());
        }
        if (seeds.isEmpty()) {
            return null;
        }
        List<SeedPair> pairs = new ArrayList<>();
        for (long seed : seeds) {
            double sa = 0;
            double sb = 0;
            for (TaskMetric tm : tasks) {
                sa += va.get(tm).get(seed);
                sb += vb.get(tm).get(seed);
            }
            pairs.add(new SeedPair(seed, sa / tasks.size(), sb / tasks.size()));
        }
        return difference(a, b, MetricLine.GLUE_TASK, MetricLine.GLUE_METRIC, pairs, true);
    }

    private static PairedDifference difference(Arm a, Arm b, String task, String metric, List<SeedPair> pairs, boolean higherIsBetter) {
        MeanInterval ci = MeanInterval.of(pairs.stream().mapToDouble(SeedPair::difference).toArray());
        TreeSet<String> runs = new TreeSet<>();
        TreeSet<String> commits = new TreeSet<>();
        for (Arm arm : List.of(a, b)) {
            for (ResultRow r : arm.rows()) {
                runs.add(r.run().runId());
                if (!r.run().gitCommit().isEmpty()) {
                    commits.add(r.run().gitCommit());
                }
            }
        }
        return new PairedDifference(a.model(), b.model(), a.fraction(), b.fraction(), a.flops(), b.flops(), task, metric, pairs,
                ci.mean(), ci.sd(), ci.low(), ci.high(), ci.verdict(higherIsBetter), List.copyOf(runs), List.copyOf(commits));
    }

    /** (task, metric) -> seed -> value; a seed measured more than once gives the mean of its values. */
    private static Map<TaskMetric, Map<Long, Double>> perSeed(List<ResultRow> rows) {
        Map<TaskMetric, Map<Long, List<Double>>> values = new TreeMap<>();
        for (ResultRow r : rows) {
            values.computeIfAbsent(new TaskMetric(r.task(), r.metric()), k -> new TreeMap<>())
                    .computeIfAbsent(r.seed().getAsLong(), s -> new ArrayList<>()).add(r.value());
        }
        Map<TaskMetric, Map<Long, Double>> out = new TreeMap<>();
        values.forEach((tm, bySeed) -> {
            Map<Long, Double> m = new TreeMap<>();
            bySeed.forEach((seed, vs) -> m.put(seed, vs.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
            out.put(tm, m);
        });
        return out;
    }
}
