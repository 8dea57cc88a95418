package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.TransformerModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --task}: times fine-tuning steps and the evaluation pass of a model folder on real task rows
 * and writes one CSV row saying what ran (engine, padding, batch) and how fast. Speed itself is not asserted.
 */
class BenchFineTuningTest {
    @TempDir
    Path tmp;

    @Test
    void writesOneRowOfFineTuningThroughput() throws IOException {
        TransformerConfig c = new TransformerConfig();
        c.vocabSize = 30522;
        c.embeddingSize = 32;
        c.hiddenSize = 64;
        c.numHiddenLayers = 1;
        c.numAttentionHeads = 2;
        c.intermediateSize = 128;
        c.maxPositionEmbeddings = 128;
        c.architectures = List.of(Architecture.ELECTRA_FOR_PRETRAINING.hfName());
        Path model = tmp.resolve("my \"tiny\", model"); // a comma and quotes: the CSV row must still hold it whole
        HfCheckpoint.save(TransformerModel.initialize(c, Architecture.ELECTRA_FOR_PRETRAINING, 1), model);
        Path csv = tmp.resolve("bench.csv");

        Cli r = Cli.run("bench", "--task", "sst2", "--model", model.toString(), "--steps", "2", "--warmup", "1", "--rows", "64",
                "--padding", "max_length", "--out", csv.toString());

        assertEquals(0, r.exit(), r.err());
        List<CSVRecord> records;
        try (CSVParser p = CSVParser.parse(csv, StandardCharsets.UTF_8, CSVFormat.DEFAULT)) {
            records = p.getRecords();
        }
        assertEquals(2, records.size());
        List<String> header = records.get(0).toList();
        String[] row = records.get(1).values();
        assertEquals(header.size(), row.length, records.get(1).toString());
        assertEquals(model.toString(), row[header.indexOf("model")]);
        assertEquals("sst2", row[header.indexOf("task")]);
        assertEquals("engine", row[header.indexOf("path")]);
        assertEquals("max_length", row[header.indexOf("padding")]);
        assertEquals("32", row[header.indexOf("batch")]);
        assertTrue(Double.parseDouble(row[header.indexOf("train_examples_per_s")]) > 0);
        assertTrue(Double.parseDouble(row[header.indexOf("eval_examples_per_s")]) > 0);
    }

    @Test
    void preTrainingStillNeedsAConfig() {
        Cli r = Cli.run("bench", "--objective", "bert", "--out", tmp.resolve("x.csv").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--config"), r.err());
    }
}
