package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.harness.ElectraBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code electra-bench score} in-process on the real data. Prediction files are built here straight
 * from the raw data files (plain line splitting, not the task readers), and expected values are counted
 * the same way or taken from SOURCES.md.
 */
class ScoreCommandTest {
    private static final Path DATA = DataDir.resolve();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ElectraBench.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static JsonNode json(Result r) throws IOException {
        assertEquals(0, r.exit(), r.err());
        return MAPPER.readTree(r.out());
    }

    /** Tab-split data rows of a GLUE TSV (header dropped if {@code header}). */
    private static List<String[]> rows(String relative, boolean header) throws IOException {
        List<String> lines = Files.readAllLines(DATA.resolve(relative), StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(header ? 1 : 0, lines.size())) {
            rows.add(line.split("\t", -1));
        }
        return rows;
    }

    private Path predictionTsv(List<String> predictions) throws IOException {
        StringBuilder sb = new StringBuilder("index\tprediction\n");
        for (int i = 0; i < predictions.size(); i++) {
            if (predictions.get(i) != null) {
                sb.append(i).append('\t').append(predictions.get(i)).append('\n');
            }
        }
        Path file = Files.createTempFile(dir, "pred", ".tsv");
        Files.writeString(file, sb.toString());
        return file;
    }

    @Test
    void glueGoldLabelsScore100() throws IOException {
        List<String> gold = rows("glue/CoLA/dev.tsv", false).stream().map(r -> r[1]).toList();
        JsonNode j = json(run("score", "--task", "cola", "--data", DATA.resolve("glue/CoLA/dev.tsv").toString(),
                "--predictions", predictionTsv(gold).toString(), "--json"));
        assertEquals("cola", j.get("task").asText());
        assertEquals(100.0, j.get("mcc").asDouble(), 1e-9);
        assertEquals(0, j.get("missing").asInt());
        assertEquals(1043, j.get("total").asInt());

        List<String> scores = rows("glue/STS-B/dev.tsv", true).stream().map(r -> r[9]).toList();
        JsonNode sts = json(run("score", "--task", "stsb", "--data", DATA.resolve("glue/STS-B/dev.tsv").toString(),
                "--predictions", predictionTsv(scores).toString(), "--json"));
        assertEquals(100.0, sts.get("pearson").asDouble(), 1e-9);
        assertEquals(100.0, sts.get("spearman").asDouble(), 1e-9);
    }

    @Test
    void glueMajorityClassGivesTheMajorityRate() throws IOException {
        List<String[]> sst = rows("glue/SST-2/dev.tsv", true);
        long ones = sst.stream().filter(r -> r[1].equals("1")).count();
        JsonNode j = json(run("score", "--task", "sst2", "--data", DATA.resolve("glue/SST-2/dev.tsv").toString(),
                "--predictions", predictionTsv(sst.stream().map(r -> "1").toList()).toString(), "--json"));
        assertEquals(100.0 * ones / sst.size(), j.get("accuracy").asDouble(), 1e-9);
        assertEquals(50.92, j.get("accuracy").asDouble(), 0.01); // 444 / 872 (SOURCES.md)
    }

    @Test
    void glueMissingRowsCountAsWrong() throws IOException {
        List<String[]> mrpc = rows("glue/MRPC/dev.tsv", true);
        List<String> predictions = new ArrayList<>();
        long correct = 0;
        long truePositives = 0;
        for (int i = 0; i < mrpc.size(); i++) {
            // predict "1" for the first 100 rows only
            predictions.add(i < 100 ? "1" : null);
            if (i < 100 && mrpc.get(i)[0].equals("1")) {
                correct++;
                truePositives++;
            }
        }
        long positives = mrpc.stream().filter(r -> r[0].equals("1")).count();
        JsonNode j = json(run("score", "--task", "mrpc", "--data", DATA.resolve("glue/MRPC/dev.tsv").toString(),
                "--predictions", predictionTsv(predictions).toString(), "--json"));
        assertEquals(308, j.get("missing").asInt());
        assertEquals(408, j.get("total").asInt());
        assertEquals(100.0 * correct / 408, j.get("accuracy").asDouble(), 1e-9);
        // F1 = 2TP / (2TP + FP + FN): FP = 100 - TP, FN = positives - TP
        assertEquals(100.0 * 2 * truePositives / (2 * truePositives + (100 - truePositives) + (positives - truePositives)),
                j.get("f1").asDouble(), 1e-9);
    }

    @Test
    void malformedPredictionsExitWith2AndNameTheLine() throws IOException {
        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "index\tprediction\n0\t1\n1\tmaybe\n");
        Result r = run("score", "--task", "cola", "--data", DATA.resolve("glue/CoLA/dev.tsv").toString(),
                "--predictions", bad.toString());
        assertEquals(2, r.exit());
        assertEquals("electra-bench: error: " + bad + ":3: prediction 'maybe' is not one of 0, 1", r.err().strip());
        assertFalse(r.err().contains("Exception"));

        List<String> scores = new ArrayList<>(rows("glue/STS-B/dev.tsv", true).stream().map(r2 -> r2[9]).toList());
        scores.set(7, null);
        Path partial = predictionTsv(scores);
        Result sts = run("score", "--task", "stsb", "--data", DATA.resolve("glue/STS-B/dev.tsv").toString(),
                "--predictions", partial.toString());
        assertEquals(2, sts.exit());
        assertTrue(sts.err().contains(partial + ": 1 of 1500 rows have no prediction"), sts.err());

        Result unknown = run("score", "--task", "mnli", "--predictions", bad.toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown task 'mnli' (known: cola, sst2"), unknown.err());
    }

    @Test
    void tableOutputWithoutJson() throws IOException {
        List<String> gold = rows("glue/RTE/dev.tsv", true).stream().map(r -> r[3]).toList();
        Result r = run("score", "--task", "rte", "--data", DATA.resolve("glue/RTE/dev.tsv").toString(),
                "--predictions", predictionTsv(gold).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("accuracy\\s+100\\.0000")), r.out());
    }

    /** {qid: first gold answer} for every question, read with plain Jackson. */
    private Path firstAnswers(Path squad) throws IOException {
        ObjectNode predictions = MAPPER.createObjectNode();
        for (JsonNode article : MAPPER.readTree(squad.toFile()).get("data")) {
            for (JsonNode paragraph : article.get("paragraphs")) {
                for (JsonNode qa : paragraph.get("qas")) {
                    predictions.put(qa.get("id").asText(), qa.get("answers").get(0).get("text").asText());
                }
            }
        }
        Path file = dir.resolve("predictions.json");
        MAPPER.writeValue(file.toFile(), predictions);
        return file;
    }

    @Test
    void squadFirstGoldAnswerScores100() throws IOException {
        Path dev = DATA.resolve("squad/v1.1/dev-v1.1.json");
        Path predictions = firstAnswers(dev);
        JsonNode j = json(run("score", "--task", "squad1.1", "--data", dev.toString(), "--predictions", predictions.toString(), "--json"));
        assertEquals(100.0, j.get("exact_match").asDouble(), 1e-9);
        assertEquals(100.0, j.get("f1").asDouble(), 1e-9);
        assertEquals(10570, j.get("total").asInt());
        assertEquals(0, j.get("missing").asInt());
        // the devsplit task scores only its 12 evaluation articles
        JsonNode split = json(run("score", "--task", "squad1.1-devsplit", "--data", dev.toString(),
                "--predictions", predictions.toString(), "--json"));
        assertEquals(2447, split.get("total").asInt());
        assertEquals(100.0, split.get("exact_match").asDouble(), 1e-9);
    }

    @Test
    void squad2WithNaProbs() throws IOException {
        // five questions: q1/q2/q5 answerable ("The" normalizes to "", so q5's gold becomes [""]), q3/q4 not
        Path data = dir.resolve("dev-v2.0.json");
        Files.writeString(data, """
                {"version": "v2.0", "data": [{"title": "T", "paragraphs": [{"context": "Denver Broncos at Santa Clara, California",
                  "qas": [
                    {"id": "q1", "question": "?", "answers": [{"text": "Denver Broncos", "answer_start": 0}], "is_impossible": false},
                    {"id": "q2", "question": "?", "answers": [{"text": "Santa Clara, California", "answer_start": 18}], "is_impossible": false},
                    {"id": "q3", "question": "?", "answers": [], "is_impossible": true},
                    {"id": "q4", "question": "?", "answers": [], "is_impossible": true},
                    {"id": "q5", "question": "?", "answers": [{"text": "The", "answer_start": 0}], "is_impossible": false}]}]}]}
                """);
        Path predictions = dir.resolve("pred.json");
        Files.writeString(predictions, """
                {"q1": "Denver Broncos", "q2": "Santa Clara", "q3": "", "q4": "Levi's Stadium", "q5": ""}
                """);
        Path na = dir.resolve("na.json");
        Files.writeString(na, """
                {"q1": 0.1, "q2": 0.6, "q3": 0.9, "q4": 0.3, "q5": 0.6}
                """);
        // raw exact 1 0 1 0 1, F1 1 0.8 1 0 1; threshold search (see SquadEvaluatorTest): best exact 60 at 0.1,
        // best F1 76 at 0.6
        Result first = run("score", "--task", "squad2.0", "--data", data.toString(), "--predictions", predictions.toString(),
                "--na-probs", na.toString(), "--json");
        assertEquals("", first.err()); // "v2.0" is the official 2.0 version string: no version warning
        JsonNode j = json(first);
        assertEquals(60.0, j.get("exact_match").asDouble(), 1e-9);
        assertEquals(76.0, j.get("f1").asDouble(), 1e-9);
        assertEquals(5, j.get("total").asInt());
        assertEquals(3, j.get("HasAns_total").asInt());
        assertEquals(50.0, j.get("NoAns_exact").asDouble(), 1e-9);
        assertEquals(60.0, j.get("best_exact").asDouble(), 1e-9);
        assertEquals(0.1, j.get("best_exact_thresh").asDouble(), 0.0);
        assertEquals(76.0, j.get("best_f1").asDouble(), 1e-9);
        assertEquals(0.6, j.get("best_f1_thresh").asDouble(), 0.0);
        // threshold 0.5 turns q2, q3, q5 into abstentions: exact = (q1 + q3) / 5
        JsonNode t = json(run("score", "--task", "squad2.0", "--data", data.toString(), "--predictions", predictions.toString(),
                "--na-probs", na.toString(), "--na-prob-thresh", "0.5", "--json"));
        assertEquals(40.0, t.get("exact_match").asDouble(), 1e-9);

        Files.writeString(na, "{\"q1\": 0.1}");
        Result missingProb = run("score", "--task", "squad2.0", "--data", data.toString(), "--predictions", predictions.toString(),
                "--na-probs", na.toString());
        assertEquals(2, missingProb.exit());
        assertTrue(missingProb.err().contains(na + ": no no-answer probability for question q2"), missingProb.err());

        Files.writeString(predictions, "{\"q1\": \"Denver\",\n \"q2\" \"x\"}");
        Result broken = run("score", "--task", "squad2.0", "--data", data.toString(), "--predictions", predictions.toString());
        assertEquals(2, broken.exit());
        assertTrue(broken.err().startsWith("electra-bench: error: " + predictions + ":2: malformed JSON"), broken.err());
    }

    /** conlleval lines "token gold gold" from a raw CoNLL file (IOB1 tags as they are), -DOCSTART- kept. */
    private Path conllevalFromRaw(String relative) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(DATA.resolve(relative))) {
            if (line.isBlank()) {
                sb.append('\n');
            } else {
                String[] f = line.split(" ");
                sb.append(f[0]).append(' ').append(f[3]).append(' ').append(f[3]).append('\n');
            }
        }
        Path file = dir.resolve("testb.conlleval");
        Files.writeString(file, sb.toString());
        return file;
    }

    @Test
    void conllGoldAsPredictionScores100() throws IOException {
        Path predictions = conllevalFromRaw("conll2003/eng.testb");
        Path data = DATA.resolve("conll2003/eng.testb");
        JsonNode j = json(run("score", "--task", "conll2003", "--data", data.toString(), "--predictions", predictions.toString(), "--json"));
        assertEquals(100.0, j.get("f1").asDouble(), 1e-9);
        assertEquals(100.0, j.get("precision").asDouble(), 1e-9);
        assertEquals(100.0, j.get("accuracy").asDouble(), 1e-9);
        assertEquals(5648, j.get("gold_entities").asInt()); // SOURCES.md
        assertEquals(100.0, j.get("per_type").get("PER").get("f1").asDouble(), 1e-9);
        assertEquals(List.of("LOC", "MISC", "ORG", "PER"), List.copyOf(iterable(j.get("per_type"))));
        // conlleval counts -DOCSTART- lines as tokens: 46435 words + 231 -DOCSTART- lines
        assertEquals(46435 + 231, j.get("tokens").asInt());

        Result wrongData = run("score", "--task", "conll2003", "--data", DATA.resolve("conll2003/eng.testa").toString(),
                "--predictions", predictions.toString());
        assertEquals(2, wrongData.exit());
        assertTrue(wrongData.err().contains(predictions + ": 3453 sentences, but "), wrongData.err());
    }

    private static List<String> iterable(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void conllMalformedLineExitsWith2() throws IOException {
        Path bad = dir.resolve("bad.conlleval");
        Files.writeString(bad, "EU B-ORG B-ORG\nrejects O\n");
        Result r = run("score", "--task", "conll2003", "--predictions", bad.toString());
        assertEquals(2, r.exit());
        assertEquals("electra-bench: error: " + bad + ":2: expected 'token ... gold predicted' (at least 3 fields), found 2",
                r.err().strip());
    }
}
