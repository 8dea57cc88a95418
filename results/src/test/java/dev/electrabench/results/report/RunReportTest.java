package dev.electrabench.results.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.results.paired.ComparisonsCsv;
import dev.electrabench.results.summary.SummaryCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of the committed compare-smoke baseline (a real run), from its summary.csv alone. */
class RunReportTest {
    static final Path BASELINE = Path.of(System.getProperty("user.dir")).resolve("baselines/compare-smoke/summary.csv");

    @TempDir
    Path out;

    @Test
    void reportOfTheSmokeBaseline() throws Exception {
        RunReport.Written w = RunReport.write(SummaryCsv.read(BASELINE), List.of(BASELINE.getParent()), out, true);
        for (String f : List.of("summary.csv", "leaderboard.csv", "comparisons.csv", "leaderboard.md", "results.json", "report.html",
                "efficiency-conll2003.png", "efficiency-conll2003.svg")) {
            assertTrue(w.files().contains(out.resolve(f)), f);
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertFalse(Files.exists(out.resolve("efficiency.png")), "no measured GLUE task, no GLUE plot");
        assertEquals(3, ComparisonsCsv.read(out.resolve("comparisons.csv")).size());

        String md = Files.readString(out.resolve("leaderboard.md"));
        assertTrue(md.contains("| electra | bert | 1 | CoNLL-2003 F1 | 3 | s1 +0.52, s2 -1.03, s3 +0.45 | -0.02 |"), md);
        assertTrue(md.contains("| within noise |"), md);

        // results.json: mean and standard error of electra's CoNLL F1 over its three seeds (summary.csv, f1 lines)
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode electra = json.get("results").get(0);
        assertEquals("electra", electra.get("model").asText());
        double[] f1 = {19.215155615696887, 19.224806201550386, 18.15823605706874};
        double mean = (f1[0] + f1[1] + f1[2]) / 3;
        double var = ((f1[0] - mean) * (f1[0] - mean) + (f1[1] - mean) * (f1[1] - mean) + (f1[2] - mean) * (f1[2] - mean)) / 2;
        JsonNode conll = electra.get("tasks").get("conll2003");
        assertEquals("f1", conll.get("metric").asText());
        assertEquals(mean, conll.get("value").asDouble(), 1e-9);
        assertEquals(Math.sqrt(var / 3), conll.get("stderr").asDouble(), 1e-9);
        assertEquals(3, conll.get("n").asInt());
        assertEquals("9bdb14374fca8c9bb9cba4c7eb8a106a9e0a9413", json.get("git_hash").asText());

        // report.html: every figure inlined once, nothing loaded from elsewhere
        String html = Files.readString(out.resolve("report.html"));
        Matcher img = Pattern.compile("<img class=\"plot\" data-plot=\"([^\"]+)\"[^>]* src=\"data:image/png;base64,").matcher(html);
        int plots = 0;
        while (img.find()) {
            assertEquals(w.figures().get(plots).baseName(), img.group(1));
            plots++;
        }
        assertEquals(w.figures().size(), plots);
        assertFalse(Pattern.compile("(src|href)=\"(?!data:)").matcher(html).find(), "external resource in report.html");
        assertTrue(html.contains("<tr class=\"verdict-within-noise\">"), "verdicts shown");
        assertTrue(html.contains("compare-3a72ab006e2b"), "provenance shown");
    }
}
