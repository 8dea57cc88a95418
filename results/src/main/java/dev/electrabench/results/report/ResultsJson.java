package dev.electrabench.results.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.results.leaderboard.LeaderboardCsv;
import dev.electrabench.results.leaderboard.MetricConventions;
import dev.electrabench.results.leaderboard.TaskMetric;
import dev.electrabench.results.paired.ComparisonsCsv;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.SummaryCsv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.stat.StatUtils;

/**
 * {@code results.json}, in the spirit of lm-evaluation-harness's output: per measured (model, checkpoint
 * fraction) and task, the paper metric's mean over fine-tuning seeds ({@code value}), its standard error
 * (sample SD / √n; null for one seed), {@code n} = seeds, and the median the leaderboard shows; then the
 * config files, the schema versions and the provenance (git commits, backend, device) of the rows.
 */
public final class ResultsJson {
    public static final String FILE_NAME = "results.json";
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {}

    public static void write(Path file, List<ResultRow> rows, Map<String, String> configFiles) {
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(tree(rows, configFiles)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(List<ResultRow> rows, Map<String, String> configFiles) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        Map<String, List<ResultRow>> arms = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            if (!r.isReference()) {
                arms.computeIfAbsent(r.model() + "\u0000" + r.checkpointFraction(), k -> new ArrayList<>()).add(r);
            }
        }
        ArrayNode models = root.putArray("results");
        TreeSet<String> commits = new TreeSet<>();
        TreeSet<String> backends = new TreeSet<>();
        TreeSet<String> devices = new TreeSet<>();
        TreeSet<String> versions = new TreeSet<>();
        for (List<ResultRow> arm : arms.values()) {
            ResultRow first = arm.get(0);
            ObjectNode m = models.addObject();
            m.put("model", first.model());
            m.put("checkpoint_fraction", first.checkpointFraction());
            putNumber(m, "pretrain_flops", first.checkpoint().pretrainFlops());
            m.put("params", first.checkpoint().params());
            ObjectNode tasks = m.putObject("tasks");
            Map<TaskMetric, List<Double>> values = new TreeMap<>();
            for (ResultRow r : arm) {
                if (MetricConventions.paperMetrics(r.task()).contains(r.metric())) {
                    values.computeIfAbsent(new TaskMetric(r.task(), r.metric()), k -> new ArrayList<>()).add(r.value());
                }
                commits.add(r.run().gitCommit());
                backends.add(r.run().backend());
                devices.add(r.run().device());
                versions.add(r.run().electraBenchVersion());
            }
            values.forEach((tm, vs) -> {
                double[] v = vs.stream().mapToDouble(Double::doubleValue).toArray();
                ObjectNode t = tasks.has(tm.task()) ? (ObjectNode) tasks.get(tm.task()) : tasks.putObject(tm.task());
                ObjectNode metric = tm.metric().equals(MetricConventions.paperMetrics(tm.task()).get(0)) ? t : t.putObject(tm.metric());
                metric.put("metric", tm.metric());
                metric.put("value", StatUtils.mean(v));
                putNumber(metric, "stderr", v.length < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(v) / v.length));
                metric.put("n", v.length);
                metric.put("median", dev.electrabench.results.leaderboard.SeedStats.of(v).median());
            });
        }
        ObjectNode config = root.putObject("config");
        configFiles.forEach(config::put);
        ObjectNode schemas = root.putObject("versions");
        schemas.put("electra_bench", String.join(";", versions));
        schemas.put("summary_csv", SummaryCsv.SCHEMA_VERSION);
        schemas.put("leaderboard_csv", LeaderboardCsv.SCHEMA_VERSION);
        schemas.put("comparisons_csv", ComparisonsCsv.SCHEMA_VERSION);
        root.put("git_hash", String.join(";", commits));
        root.put("backend", String.join(";", backends));
        root.put("device", String.join(";", devices));
        return root;
    }

    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isNaN(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }
}
